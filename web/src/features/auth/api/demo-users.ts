import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api.ts';
import { useLanguage } from '../../../shared/i18n.tsx';

export interface DemoAccount {
  username: string;
  name: string;
  role: string;
}

/** The local cloud's demo accounts (absent in AWS, where sign-in goes through the identity provider). */
export const useDemoAccounts = () => {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['demo-accounts'],
    queryFn: () => apiRequest<{ password: string; items: DemoAccount[] }>('/local/users', { language }),
    retry: false,
  });
};
