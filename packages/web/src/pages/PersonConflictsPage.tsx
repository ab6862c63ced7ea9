import type { FactConflict } from '@yiyang/core';
import { Button, Flex, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { useConflicts, useResolveConflict } from '@/features/persons/api';
import { factLabel, sourceLabel, valueLabel } from '@/features/persons/labels';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { formatDateTime } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';

export function PersonConflictsPage() {
  const { can } = useSession();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [page, setPage] = useState(1);
  const list = useConflicts(status, page, 20);
  const resolve = useResolveConflict();
  const act = async (id: number, decision: 'keep' | 'use_incoming' | 'use_current') => {
    await resolve.mutateAsync({ id, decision });
    showSuccess(t('persons.resolved'));
  };
  return (
    <PageContainer title={t('persons.conflictsTitle')} description={t('persons.conflictsDescription')} testId="person-conflicts-page">
      <Segmented value={status} onChange={(v) => { setStatus(v as 'open' | 'resolved'); setPage(1); }} options={[{ value: 'open', label: t('persons.pending') }, { value: 'resolved', label: t('persons.resolved') }]} />
      <Table<FactConflict>
        rowKey="id"
        size="middle"
        data-testid="conflicts-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('persons.name'), dataIndex: 'person_name', render: (v: string, c) => <Link to={`/persons/${c.person_id}`}>{v}</Link> },
          { title: t('persons.idNumber'), dataIndex: 'id_number' },
          { title: t('persons.fact'), dataIndex: 'fact', render: (v: string) => factLabel(v) },
          { title: t('persons.incoming'), render: (_, c) => `${valueLabel(c.fact, c.incoming_value)}（${sourceLabel(c.incoming_source)}，${c.incoming_valid_from}起）` },
          { title: t('persons.currentValue'), render: (_, c) => `${valueLabel(c.fact, c.current_value)}（${sourceLabel(c.current_source)}）` },
          { title: t('persons.outcome'), dataIndex: 'outcome', render: (v: string) => <Tag color={v === 'kept' ? 'orange' : 'blue'}>{v === 'kept' ? t('persons.outcomeKept') : t('persons.outcomeApplied')}</Tag> },
          { title: t('persons.detectedAt'), dataIndex: 'created_at', render: (v: string) => formatDateTime(v) },
          ...(status === 'open' && can('persons:write')
            ? [{
                title: t('common.actions'),
                render: (_: unknown, c: FactConflict) => (
                  <Flex gap="small">
                    <Button size="small" onClick={() => void act(c.id, 'keep')} data-testid="conflict-keep">{t('persons.keep')}</Button>
                    <Button size="small" onClick={() => void act(c.id, c.outcome === 'kept' ? 'use_incoming' : 'use_current')}>
                      {c.outcome === 'kept' ? t('persons.useIncoming') : t('persons.useCurrent')}
                    </Button>
                  </Flex>
                ),
              }]
            : []),
        ]}
      />
    </PageContainer>
  );
}
