/** 政策模拟 — evaluate a draft version against the registry: gains/losses per item, monthly cost by region. */
import type { SimulationResult } from '@yiyang/core';
import { Button, Card, Flex, Select, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCatalogueVersions } from '@/features/catalogue/api';
import { useEligibilityMutations } from '@/features/eligibility/api';
import { t } from '@/i18n/t';
import { formatMoney } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';

export function SimulationPage() {
  const versions = useCatalogueVersions();
  const [id, setId] = useState<string | undefined>();
  const [result, setResult] = useState<SimulationResult | null>(null);
  const m = useEligibilityMutations();
  const candidates = (versions.data?.items ?? []).filter((v) => v.status === 'draft' || v.status === 'proposed' || v.status === 'approved');
  const money = (v: number) => formatMoney(v);
  return (
    <PageContainer title={t('eligibility.simulationTitle')} description={t('eligibility.simulationDescription')} testId="simulation-page">
      <Card size="small">
        <Flex gap="middle" wrap>
          <Select<string> style={{ width: 360 }} placeholder={t('eligibility.version')} value={id} onChange={setId}
            options={candidates.map((v) => ({ value: v.id, label: `${v.name} ${t('catalogue.version', { n: v.version_no })}（${t(`catalogue.statuses.${v.status}`)}）` }))} data-testid="simulation-version" />
          <Button type="primary" disabled={!id} loading={m.simulate.isPending} onClick={async () => setResult(await m.simulate.mutateAsync({ version_id: id! }))} data-testid="simulation-run">{t('eligibility.simulate')}</Button>
        </Flex>
      </Card>
      {result ? (
        <Flex vertical gap="middle" data-testid="simulation-result">
          <Card size="small">
            <Flex gap="large" wrap>
              <Statistic title={t('eligibility.persons')} value={result.persons} />
              <Statistic title={t('eligibility.before')} value={money(result.before_monthly_fen)} />
              <Statistic title={t('eligibility.after')} value={money(result.after_monthly_fen)} />
              <Statistic title={t('eligibility.costChange')} value={money(result.cost_change_fen)} valueStyle={{ color: result.cost_change_fen > 0 ? '#cf1322' : result.cost_change_fen < 0 ? '#3f8600' : undefined }} />
            </Flex>
          </Card>
          <Card size="small" title={t('eligibility.byItem')}>
            <Table rowKey="code" size="small" pagination={false} dataSource={result.items.filter((i) => i.gains || i.losses || i.cost_change_fen || i.after_persons)}
              columns={[
                { title: t('catalogue.code'), dataIndex: 'code' },
                { title: t('catalogue.name'), dataIndex: 'name' },
                { title: t('eligibility.gains'), dataIndex: 'gains', render: (v: number) => (v ? <Tag color="green">+{v}</Tag> : 0) },
                { title: t('eligibility.losses'), dataIndex: 'losses', render: (v: number) => (v ? <Tag color="red">-{v}</Tag> : 0) },
                { title: t('eligibility.before'), dataIndex: 'before_monthly_fen', render: money },
                { title: t('eligibility.after'), dataIndex: 'after_monthly_fen', render: money },
                { title: t('eligibility.costChange'), dataIndex: 'cost_change_fen', render: money },
              ]} />
          </Card>
          <Card size="small" title={t('eligibility.byRegion')}>
            <Table rowKey="region_code" size="small" pagination={false} dataSource={result.regions}
              columns={[
                { title: t('eligibility.region'), key: 'r', render: (_, r) => r.region_name ?? r.region_code },
                { title: t('eligibility.persons'), dataIndex: 'persons' },
                { title: t('eligibility.before'), dataIndex: 'before_monthly_fen', render: money },
                { title: t('eligibility.after'), dataIndex: 'after_monthly_fen', render: money },
                { title: t('eligibility.costChange'), dataIndex: 'cost_change_fen', render: money },
              ]} />
          </Card>
        </Flex>
      ) : null}
    </PageContainer>
  );
}
