import { Tag } from 'antd';
import { useLanguage } from '../../../shared/i18n.tsx';
import { statusColor, statusText } from '../../../shared/texts.ts';

export const StatusTag = ({ status }: { status: string }) => {
  const { t } = useLanguage();
  return <Tag color={statusColor[status]}>{t(statusText[status] ?? { zh: status, en: status })}</Tag>;
};
