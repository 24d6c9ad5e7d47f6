import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useLanguage } from '../shared/i18n.tsx';
import { common } from '../shared/texts.ts';

const NotFoundPage = () => {
  const { t } = useLanguage();
  return (
    <Result
      status="404"
      title={t(common.notFound)}
      extra={
        <Link to="/">
          <Button type="primary">{t(common.back)}</Button>
        </Link>
      }
    />
  );
};
export default NotFoundPage;
