/**
 * 服务券账户 — service accounts (养老服务券): the statement of a person's account (pick a holder
 * from the list of the user's scope, searchable by name) and a provider's monthly settlement
 * (orders paid from service accounts, with the total).
 */
import type { AccountHolder, ProviderSettlement } from '@yiyang/core';
import { Alert, Button, Card, Empty, Flex, Input, Select, Space, Statistic, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useAccountHolders, useSettlement } from '@/features/accounts/api';
import { StatementView } from '@/features/accounts/components/StatementView';
import { useOrgs } from '@/features/orgs/api';
import { RegionName } from '@/features/persons/components/RegionName';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { formatMoney } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';

function thisMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return d.toISOString().slice(0, 7);
}

export function ServiceAccountsPage() {
  const { me, can } = useSession();
  // A provider's staff read their own settlement only (the server refuses them the list of holders).
  const provider = me.org.type === 'service_provider' && !can('accounts:write');
  const statement = { key: 'statement', label: <span data-testid="accounts-tab-statement">{t('accounts.statementTab')}</span>, children: <StatementTab /> };
  const settlement = { key: 'settlement', label: <span data-testid="accounts-tab-settlement">{t('accounts.settlementTab')}</span>, children: <SettlementTab /> };
  return (
    <PageContainer title={t('accounts.title')} description={t('accounts.description')} testId="accounts-page">
      <Tabs items={provider ? [settlement] : [statement, settlement]} />
    </PageContainer>
  );
}

function StatementTab() {
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<AccountHolder | null>(null);
  const holders = useAccountHolders({ q, page, page_size: 10 });
  const columns: ColumnsType<AccountHolder> = [
    { title: t('accounts.name'), dataIndex: 'name' },
    { title: t('accounts.idNumber'), dataIndex: 'id_number' },
    { title: t('accounts.region'), dataIndex: 'region_code', render: (c: string) => <RegionName code={c} /> },
    { title: t('accounts.programme'), dataIndex: 'programme' },
    { title: t('accounts.balance'), dataIndex: 'balance_fen', align: 'right', render: (v: number) => formatMoney(v) },
    {
      title: t('common.actions'),
      key: 'open',
      render: (_, h) => (
        <Button size="small" type={selected?.person_id === h.person_id && selected.programme === h.programme ? 'primary' : 'default'} onClick={() => setSelected(h)} data-testid={`holder-open-${h.person_id}`}>
          {t('accounts.open')}
        </Button>
      ),
    },
  ];
  return (
    <Flex gap="middle" wrap align="flex-start">
      <Card title={t('accounts.holders')} size="small" style={{ flex: '1 1 520px' }}>
        <Flex vertical gap="small">
          <Input.Search allowClear placeholder={t('accounts.search')} style={{ width: 260 }} onSearch={(v) => { setQ(v.trim() || undefined); setPage(1); }} data-testid="holders-search" />
          {holders.isError ? <Alert type="error" showIcon message={errorText(holders.error)} /> : null}
          <Table<AccountHolder>
            rowKey={(h) => `${h.person_id}-${h.programme}`}
            size="small"
            columns={columns}
            dataSource={holders.data?.items ?? []}
            loading={holders.isFetching}
            locale={{ emptyText: <Empty description={t('accounts.noHolders')} /> }}
            pagination={{ current: page, pageSize: 10, total: holders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
            data-testid="holders-table"
          />
        </Flex>
      </Card>
      <Card title={selected ? t('accounts.statementOf', { name: selected.name }) : t('accounts.statementTab')} size="small" style={{ flex: '1 1 520px' }} data-testid="statement-card">
        {selected ? <StatementView personId={selected.person_id} programme={selected.programme} /> : <Typography.Text type="secondary">{t('accounts.pickPerson')}</Typography.Text>}
      </Card>
    </Flex>
  );
}

function SettlementTab() {
  const { me } = useSession();
  const providers = useOrgs({ type: 'service_provider', page: 1, page_size: 200 });
  const [orgId, setOrgId] = useState<string | null>(me.org.type === 'service_provider' ? me.org.id : null);
  const [month, setMonth] = useState(thisMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const settlement = useSettlement(orgId, month);
  const columns: ColumnsType<ProviderSettlement['lines'][number]> = [
    { title: t('accounts.date'), dataIndex: 'on_date' },
    { title: t('accounts.detail'), dataIndex: 'description', render: (v: string | null) => v ?? '—' },
    { title: t('accounts.amount'), dataIndex: 'amount_fen', align: 'right', render: (v: number) => formatMoney(v) },
  ];
  const s = settlement.data;
  return (
    <Flex vertical gap="middle">
      <Space wrap>
        <Select
          style={{ width: 320 }}
          showSearch
          optionFilterProp="label"
          placeholder={t('accounts.provider')}
          value={orgId ?? undefined}
          onChange={(v: string) => setOrgId(v)}
          loading={providers.isFetching}
          options={(providers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          data-testid="settlement-provider"
        />
        <Input style={{ width: 120 }} value={month} onChange={(e) => setMonth(e.target.value.trim())} placeholder="YYYY-MM" status={valid ? undefined : 'error'} data-testid="settlement-month" />
        {!valid ? <Typography.Text type="danger">{t('accounts.monthInvalid')}</Typography.Text> : null}
      </Space>
      {settlement.isError ? <Alert type="error" showIcon message={errorText(settlement.error)} data-testid="settlement-error" /> : null}
      {!orgId ? <Typography.Text type="secondary">{t('accounts.pickProvider')}</Typography.Text> : null}
      {s ? (
        <Card title={`${s.provider} · ${s.month}`} size="small" data-testid="settlement">
          <Flex vertical gap="middle">
            <Flex gap="large" wrap>
              <Statistic title={t('accounts.orders')} value={s.orders} valueRender={(v) => <span data-testid="settlement-orders">{v}</span>} />
              <Statistic title={t('accounts.total')} value={formatMoney(s.total_fen)} valueRender={(v) => <span data-testid="settlement-total">{v}</span>} />
            </Flex>
            <Table
              rowKey={(_, i) => String(i)}
              size="small"
              columns={columns}
              dataSource={s.lines}
              pagination={false}
              locale={{ emptyText: <Empty description={t('accounts.noOrders')} /> }}
              data-testid="settlement-lines"
              summary={() =>
                s.lines.length > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>{t('accounts.total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{formatMoney(s.total_fen)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
