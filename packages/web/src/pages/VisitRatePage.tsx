/**
 * 探访率 — the rate of a region and period exactly as the targets define it (visited at least once
 * ÷ due), its child regions (click to drill down) and the people not yet visited.
 */
import { ArrowUpOutlined } from '@ant-design/icons';
import { parentRegionCode, type VisitDueItem, type PeriodChoice } from '@yiyang/core';
import { Button, Card, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { RegionTreeSelect } from '@/features/regions/components/RegionTreeSelect';
import { useDue, useRate, useRateByRegion, type RegionRate } from '@/features/visits/api';
import { formatRate, RateSummary } from '@/features/visits/components/RateSummary';
import { TagList } from '@/features/visits/components/TagList';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

export function VisitRatePage() {
  const { me } = useSession();
  const [region, setRegion] = useState<string>(me.org.region_code);
  const [period, setPeriod] = useState<PeriodChoice>('month');
  const [page, setPage] = useState(1);
  const rate = useRate({ region, period });
  const children = useRateByRegion({ region, period }, region.length < 12);
  const due = useDue({ region, period, page, page_size: 20 });

  const childColumns: ColumnsType<RegionRate> = [
    { title: t('visits.rate.region'), dataIndex: 'region_name', key: 'name', render: (v: string | null, r) => v ?? r.region_code },
    { title: t('visits.rate.due'), dataIndex: 'due', key: 'due', align: 'right' },
    { title: t('visits.rate.visited'), dataIndex: 'visited', key: 'visited', align: 'right' },
    { title: t('visits.rate.rate'), dataIndex: 'rate', key: 'rate', align: 'right', render: (v: number | null) => formatRate(v) },
  ];
  const dueColumns: ColumnsType<VisitDueItem> = [
    { title: t('visits.roster.name'), dataIndex: 'name', key: 'name' },
    { title: t('visits.roster.age'), dataIndex: 'age', key: 'age' },
    { title: t('visits.roster.tags'), dataIndex: 'tags', key: 'tags', render: (v: string[]) => <TagList tags={v} /> },
    { title: t('visits.roster.region'), key: 'region', render: (_, r) => [r.region_name, r.grid].filter(Boolean).join(' · ') },
    { title: t('visits.roster.visitor'), dataIndex: 'visitor_name', key: 'visitor', render: (v: string | null) => v ?? <Typography.Text type="warning">{t('visits.roster.unassigned')}</Typography.Text> },
    { title: t('visits.roster.lastVisited'), dataIndex: 'last_visited_on', key: 'last', render: (v: string | null) => v ?? '—' },
  ];

  const goTo = (code: string) => {
    setRegion(code);
    setPage(1);
  };
  const parent = parentRegionCode(region);
  const canGoUp = region !== me.org.region_code && parent !== null;

  return (
    <PageContainer title={t('visits.rate.title')} description={t('visits.rate.description')} testId="visit-rate-page">
      <Card>
        <Flex gap="middle" wrap align="center">
          <div style={{ width: LAYOUT.filterControlWidth * 1.5 }}>
            <RegionTreeSelect value={region} onChange={(v) => goTo(v ?? me.org.region_code)} testId="visit-rate-region" />
          </div>
          <Select<PeriodChoice>
            value={period}
            onChange={(v) => {
              setPeriod(v);
              setPage(1);
            }}
            options={(['month', 'week', 'current'] as const).map((p) => ({ value: p, label: t(`visits.rate.periods.${p}`) }))}
            style={{ width: LAYOUT.filterControlWidth }}
            data-testid="visit-rate-period"
          />
          {canGoUp ? (
            <Button icon={<ArrowUpOutlined />} onClick={() => goTo(parent!)} data-testid="visit-rate-up">
              {t('visits.rate.up')}
            </Button>
          ) : null}
          {rate.data ? <Typography.Text type="secondary">{t('visits.rate.periodRange', { start: rate.data.period_start, end: rate.data.period_end })}</Typography.Text> : null}
        </Flex>
      </Card>
      <Flex gap="middle" wrap>
        <div style={{ width: LAYOUT.rateCardWidth }}>
          <RateSummary rate={rate.data} title={t('visits.rate.rate')} testId="region-rate" />
        </div>
        <Card size="small" style={{ width: LAYOUT.rateCardWidth }}>
          <Typography.Text type="secondary">{t('visits.rate.declined')}</Typography.Text>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {rate.data?.declined ?? '—'}
          </Typography.Title>
        </Card>
      </Flex>
      {region.length < 12 ? (
        <Card title={t('visits.rate.children')}>
          <Table<RegionRate>
            rowKey="region_code"
            size="small"
            columns={childColumns}
            dataSource={children.data?.items ?? []}
            loading={children.isFetching}
            pagination={false}
            onRow={(r) => ({ onClick: () => goTo(r.region_code), style: { cursor: 'pointer' }, 'data-testid': `rate-row-${r.region_code}` }) as React.HTMLAttributes<HTMLElement>}
            data-testid="visit-rate-children"
          />
        </Card>
      ) : null}
      <Card title={`${t('visits.rate.notVisited')}（${due.data?.total ?? 0}）`}>
        <Table<VisitDueItem>
          rowKey="person_id"
          size="small"
          columns={dueColumns}
          dataSource={due.data?.items ?? []}
          loading={due.isFetching}
          pagination={{ current: page, pageSize: 20, total: due.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          data-testid="visit-rate-not-visited"
        />
      </Card>
    </PageContainer>
  );
}
