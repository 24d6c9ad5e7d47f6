import { Spin } from 'antd';
import { useLanguage } from '../shared/i18n.tsx';
import { common } from '../shared/texts.ts';

export const PageLoading = () => {
  const { t } = useLanguage();
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip={t(common.loading)} />
    </div>
  );
};
