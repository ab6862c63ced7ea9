/**
 * 我的探访 — the visitor's phone page: this period's rate and the people still to visit, each a
 * large card; tapping one opens the one-hand recording sheet.
 */
import { ReloadOutlined } from '@ant-design/icons';
import type { VisitDueItem } from '@yiyang/core';
import { Button, Empty, Flex, Spin } from 'antd';
import { useState } from 'react';
import { useDue, useRate } from '@/features/visits/api';
import { DueCard } from '@/features/visits/components/DueCard';
import { RateSummary } from '@/features/visits/components/RateSummary';
import { VisitForm } from '@/features/visits/components/VisitForm';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

export function MyVisitsPage() {
  const [open, setOpen] = useState<VisitDueItem | null>(null);
  const rate = useRate({ period: 'current' });
  const due = useDue({ period: 'current', page: 1, page_size: 200 });

  return (
    <PageContainer
      title={t('visits.mine.title')}
      description={t('visits.mine.description')}
      testId="my-visits-page"
      extra={
        <Button
          icon={<ReloadOutlined />}
          style={{ height: LAYOUT.touchTargetMin, minWidth: LAYOUT.touchTargetMin }}
          onClick={() => {
            void rate.refetch();
            void due.refetch();
          }}
          aria-label={t('common.refresh')}
          data-testid="my-visits-refresh"
        />
      }
    >
      <Flex vertical gap="middle" style={{ maxWidth: LAYOUT.phoneMaxWidth }}>
        <RateSummary rate={rate.data} title={t('visits.mine.rateTitle')} testId="my-rate" />
        {due.isPending ? (
          <Spin />
        ) : due.data && due.data.items.length > 0 ? (
          <Flex vertical gap="small" data-testid="due-list" data-total={due.data.total}>
            {due.data.items.map((item) => (
              <DueCard key={item.person_id} item={item} onOpen={setOpen} />
            ))}
          </Flex>
        ) : (
          <Empty description={t('visits.mine.empty')} data-testid="due-empty" />
        )}
      </Flex>
      <VisitForm person={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
