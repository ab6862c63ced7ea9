/** A person's entitlements under the list in force, with the explanation of every item. */
import { Alert, Card, Checkbox, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { usePersonEntitlements } from '../api';
import { ExplanationTable } from './ExplanationTable';
import { t } from '@/i18n/t';
import { formatMoney } from '@/ui/format';

export function EntitlementsCard({ personId }: { personId: string }) {
  const e = usePersonEntitlements(personId);
  const [onlyEligible, setOnlyEligible] = useState(true);
  return (
    <Card title={t('eligibility.entitlements')} size="small" data-testid="person-entitlements" extra={<Checkbox checked={onlyEligible} onChange={(x) => setOnlyEligible(x.target.checked)}>{t('eligibility.eligible')}</Checkbox>}>
      {e.isError ? <Alert type="warning" showIcon message={(e.error as Error).message} /> : null}
      {!e.data && !e.isError ? <Spin /> : null}
      {e.data ? (
        <Flex vertical gap="small">
          <Typography.Text type="secondary">{t('eligibility.entitlementsHint', { asOf: e.data.as_of, pack: e.data.pack_code, n: e.data.catalogue_version_no })}</Typography.Text>
          <div>
            {e.data.items.length === 0 ? t('eligibility.noEntitlements') : e.data.items.map((i) => (
              <Tag key={i.code} color={i.blocked_parameters.length ? 'red' : 'green'}>
                {i.code} {i.name}{i.monthly_cash_fen !== null ? ` ${formatMoney(i.monthly_cash_fen)}/${t('eligibility.monthly')}` : ''}
              </Tag>
            ))}
          </div>
          <ExplanationTable rows={e.data.explanation} onlyEligible={onlyEligible} />
        </Flex>
      ) : null}
    </Card>
  );
}
