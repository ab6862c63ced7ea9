/** A person's service-account statement: balance, then every line with its running balance. */
import type { StatementLine } from '@yiyang/core';
import { Alert, Empty, Flex, Spin, Statistic, Table, Tag } from 'antd';
import { useStatement } from '../api';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { formatMoney } from '@/ui/format';

const KIND_COLOUR: Record<StatementLine['kind'], string> = { credit: 'green', spend: 'blue', expire: 'default', refund: 'gold' };

export function StatementView({ personId, programme, emptyText }: { personId: string; programme?: string; emptyText?: string }) {
  const st = useStatement(personId, programme);
  if (st.isError) return <Alert type="error" showIcon message={errorText(st.error)} />;
  if (!st.data) return <Spin />;
  if (st.data.lines.length === 0) return <Empty description={emptyText ?? t('accounts.noLines')} data-testid="statement-empty" />;
  return (
    <Flex vertical gap="small" data-testid="statement">
      <Statistic title={t('accounts.balance')} value={formatMoney(st.data.balance_fen)} valueRender={(v) => <span data-testid="statement-balance">{v}</span>} />
      <Table<StatementLine>
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={{ pageSize: 12, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={st.data.lines}
        data-testid="statement-lines"
        columns={[
          { title: t('accounts.date'), dataIndex: 'on_date' },
          { title: t('accounts.kind'), dataIndex: 'kind', render: (k: StatementLine['kind']) => <Tag color={KIND_COLOUR[k]}>{t(`accounts.kinds.${k}`)}</Tag> },
          { title: t('accounts.detail'), dataIndex: 'description', render: (v: string | null) => v ?? '—' },
          { title: t('accounts.amount'), dataIndex: 'amount_fen', align: 'right', render: (v: number) => formatMoney(v) },
          { title: t('accounts.lineBalance'), dataIndex: 'balance_fen', align: 'right', render: (v: number) => formatMoney(v) },
        ]}
      />
    </Flex>
  );
}
