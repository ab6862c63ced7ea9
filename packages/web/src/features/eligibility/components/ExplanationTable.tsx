/** Each item: eligible or not, the condition with the facts that decided it, the amount and the clause. */
import { Table, Tag, Typography } from 'antd';
import type { ExplanationRow } from '../api';
import { t } from '@/i18n/t';
import { formatMoney } from '@/ui/format';

export function factsText(f: Record<string, unknown>): string {
  return Object.entries(f).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('；');
}

export function ExplanationTable({ rows, onlyEligible = false }: { rows: ExplanationRow[]; onlyEligible?: boolean }) {
  const data = onlyEligible ? rows.filter((r) => r.eligible) : rows;
  return (
    <Table<ExplanationRow>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={data}
      data-testid="entitlements-explanation"
      expandable={{
        expandedRowRender: (r) => (
          <div>
            <div><Typography.Text type="secondary">{t('catalogue.condition')}：</Typography.Text><Typography.Text code>{r.condition}</Typography.Text></div>
            <div><Typography.Text type="secondary">{t('eligibility.facts')}：</Typography.Text>{factsText(r.facts)}</div>
            {r.error ? <Typography.Text type="danger">{r.error}</Typography.Text> : null}
          </div>
        ),
      }}
      columns={[
        { title: t('catalogue.code'), dataIndex: 'code', width: 90 },
        { title: t('catalogue.name'), dataIndex: 'name' },
        {
          title: t('catalogue.status'),
          key: 'eligible',
          render: (_, r) => (r.eligible ? <Tag color="green">{t('eligibility.eligible')}</Tag> : r.excluded_by ? <Tag>{t('eligibility.excludedBy', { code: r.excluded_by })}</Tag> : <Tag>{t('eligibility.notEligible')}</Tag>),
        },
        {
          title: t('eligibility.amount'),
          key: 'amount',
          render: (_, r) => (r.monthly_cash_fen !== null && r.eligible ? formatMoney(r.monthly_cash_fen) : r.blocked_parameters.length && r.eligible ? <Tag color="red">{t('eligibility.blocked')}</Tag> : ''),
        },
        { title: t('catalogue.citation'), dataIndex: 'citation' },
      ]}
    />
  );
}
