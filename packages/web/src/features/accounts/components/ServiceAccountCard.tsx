/** The person page's 服务券 card: the person's service-account balance and statement, if any. */
import { Card } from 'antd';
import { StatementView } from './StatementView';
import { t } from '@/i18n/t';

export function ServiceAccountCard({ personId }: { personId: string }) {
  return (
    <Card title={t('accounts.personCard')} size="small" data-testid="person-service-account">
      <StatementView personId={personId} emptyText={t('accounts.noAccount')} />
    </Card>
  );
}
