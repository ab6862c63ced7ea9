import type { DuplicatePair } from '@yiyang/core';
import { Button, Flex, Input, Modal, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { useDecideDuplicate, useDuplicates, useScanDuplicates } from '@/features/persons/api';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';

type Side = DuplicatePair['a'];

export function PersonDuplicatesPage() {
  const { can } = useSession();
  const [status, setStatus] = useState<'open' | 'merged' | 'dismissed'>('open');
  const [page, setPage] = useState(1);
  const [merging, setMerging] = useState<{ pair: DuplicatePair; keep: Side } | null>(null);
  const [reason, setReason] = useState('');
  const list = useDuplicates(status, page, 20);
  const decide = useDecideDuplicate();
  const scan = useScanDuplicates();
  const canWrite = can('persons:write');
  const side = (s: Side) => (
    <div>
      <Link to={`/persons/${s.id}`}>{s.name}</Link> {s.id_number}
      <div>{s.birth_date} · {s.region_name} {s.status !== 'active' ? <Tag>{t(`persons.statuses.${s.status as 'merged'}`)}</Tag> : null}</div>
    </div>
  );
  return (
    <PageContainer
      title={t('persons.duplicatesTitle')}
      description={t('persons.duplicatesDescription')}
      testId="person-duplicates-page"
      extra={canWrite ? <Button loading={scan.isPending} onClick={async () => showSuccess(t('persons.scanQueued', { jobs: (await scan.mutateAsync(undefined)).jobs }))}>{t('persons.scan')}</Button> : null}
    >
      <Segmented value={status} onChange={(v) => { setStatus(v as typeof status); setPage(1); }} options={[{ value: 'open', label: t('persons.pending') }, { value: 'merged', label: t('persons.merged') }, { value: 'dismissed', label: t('persons.dismissed') }]} />
      <Table<DuplicatePair>
        rowKey="id"
        data-testid="duplicates-table"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('persons.reason'), dataIndex: 'reason', render: (v: DuplicatePair['reason']) => <Tag color="orange">{t(`persons.reasons.${v}`)}</Tag> },
          { title: 'A', render: (_, d) => side(d.a) },
          { title: 'B', render: (_, d) => side(d.b) },
          ...(status === 'open' && canWrite
            ? [{
                title: t('common.actions'),
                render: (_: unknown, d: DuplicatePair) => (
                  <Flex gap="small" wrap>
                    <Button size="small" onClick={() => { setReason(''); setMerging({ pair: d, keep: d.a }); }} data-testid="duplicate-keep-a">{t('persons.keepThis')} A</Button>
                    <Button size="small" onClick={() => { setReason(''); setMerging({ pair: d, keep: d.b }); }}>{t('persons.keepThis')} B</Button>
                    <Button size="small" onClick={async () => { await decide.mutateAsync({ id: d.id, dismiss: true }); showSuccess(t('persons.dismissed')); }}>{t('persons.dismiss')}</Button>
                  </Flex>
                ),
              }]
            : []),
        ]}
      />
      <Modal
        open={!!merging}
        title={merging ? `${t('persons.keepThis')}：${merging.keep.name} ${merging.keep.id_number}` : ''}
        onCancel={() => setMerging(null)}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: decide.isPending, ...({ 'data-testid': 'merge-submit' } as object) }}
        onOk={async () => {
          await decide.mutateAsync({ id: merging!.pair.id, keep: merging!.keep.id, reason: reason.trim() });
          setMerging(null);
          showSuccess(t('persons.merged'));
        }}
      >
        <Input.TextArea rows={2} placeholder={t('persons.mergeReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="merge-reason" />
      </Modal>
    </PageContainer>
  );
}
