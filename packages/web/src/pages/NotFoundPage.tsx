import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { t } from '@/i18n/t';

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title={t('app.notFoundTitle')}
      subTitle={t('app.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
