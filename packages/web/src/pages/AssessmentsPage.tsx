/**
 * 能力评估办理: the queue per role (my assessments for assessors, to assign, to review, to
 * publish, all), and — by query parameter — one assessment (`?id=`), its report (`&view=report`)
 * or one person's assessments with their published grade (`?person=`).
 */
import { PlusOutlined } from '@ant-design/icons';
import { ASSESSMENT_REASON_LABELS, ASSESSMENT_REASONS, ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES, type AssessmentSummary } from '@yiyang/core';
import { Button, Flex, Segmented, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { useAssessments, usePerson } from '@/features/assessment/api';
import { AssessmentWorkspace } from '@/features/assessment/components/AssessmentWorkspace';
import { PersonCapabilityCard } from '@/features/assessment/components/PersonCapabilityCard';
import { ReportView } from '@/features/assessment/components/ReportView';
import { RequestModal } from '@/features/assessment/components/RequestModal';
import { GradeTag, StatusTag } from '@/features/assessment/components/tags';
import { RegionListPage, useRegionListState } from '@/features/regions/components/RegionListPage';
import { t } from '@/i18n/t';
import { formatDateTime } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';
import { LAYOUT } from '@/ui/theme';

type Queue = 'mine' | 'assign' | 'review' | 'publish' | 'all';

function useColumns() {
  return useMemo(
    () => [
      { title: t('assessment.number'), dataIndex: 'number', render: (v: string, r: AssessmentSummary) => <Link to={`/assessment?id=${r.id}`}>{v}</Link> },
      { title: t('assessment.person'), dataIndex: 'person_name', render: (v: string, r: AssessmentSummary) => <Link to={`/assessment?person=${r.person_id}`}>{v}</Link> },
      { title: t('assessment.reason'), dataIndex: 'reason', render: (v: AssessmentSummary['reason']) => ASSESSMENT_REASON_LABELS[v] },
      { title: t('assessment.status'), dataIndex: 'status', render: (v: AssessmentSummary['status']) => <StatusTag status={v} /> },
      { title: t('assessment.assessors'), dataIndex: 'assessors', render: (v: AssessmentSummary['assessors']) => v.map((a) => a.name).join('、') || '—' },
      { title: t('assessment.requestedAt'), dataIndex: 'requested_at', render: (v: string) => formatDateTime(v) },
      { title: t('assessment.grade'), dataIndex: 'grade', render: (v: number | null) => <GradeTag grade={v} /> },
      { title: t('common.actions'), key: 'open', render: (_: unknown, r: AssessmentSummary) => <Link to={`/assessment?id=${r.id}`} data-testid={`open-${r.number}`}>{t('assessment.open')}</Link> },
    ],
    [],
  );
}

function PersonView({ personId }: { personId: string }) {
  const navigate = useNavigate();
  const { can } = useSession();
  const person = usePerson(personId);
  const list = useAssessments({ person_id: personId, page: 1, page_size: 50 });
  const [open, setOpen] = useState(false);
  const columns = useColumns();
  return (
    <PageContainer
      title={person.data?.name ?? ''}
      testId="person-assessments"
      extra={can('assessments:request') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('assessment.request')}</Button> : null}
    >
      <PersonCapabilityCard personId={personId} />
      <Table<AssessmentSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={false} />
      <RequestModal open={open} personId={personId} personName={person.data?.name} onClose={() => setOpen(false)} onCreated={(id) => navigate(`/assessment?id=${id}`)} />
    </PageContainer>
  );
}

function QueueView() {
  const { can } = useSession();
  const navigate = useNavigate();
  const list = useRegionListState();
  const queues: Array<{ value: Queue; label: string }> = [
    ...(can('assessments:perform') ? [{ value: 'mine' as const, label: t('assessment.mine') }] : []),
    ...(can('assessments:assign') ? [{ value: 'assign' as const, label: t('assessment.toAssign') }] : []),
    ...(can('assessments:review') ? [{ value: 'review' as const, label: t('assessment.toReview') }, { value: 'publish' as const, label: t('assessment.toPublish') }] : []),
    { value: 'all', label: t('assessment.all') },
  ];
  const [queue, setQueue] = useState<Queue>(queues[0]!.value);
  const [status, setStatus] = useState<string | undefined>();
  const [reason, setReason] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const queueStatus = { assign: 'requested', review: 'submitted', publish: 'reviewed' } as Partial<Record<Queue, string>>;
  const data = useAssessments({
    region: list.region,
    q: list.q || undefined,
    mine: queue === 'mine' ? 'true' : undefined,
    status: queueStatus[queue] ?? status,
    reason,
    page: list.page,
    page_size: list.pageSize,
  });
  const columns = useColumns();
  return (
    <RegionListPage
      title={t('assessment.title')}
      description={t('assessment.description')}
      testId="assessments-page"
      state={list}
      createAction={can('assessments:request') ? { label: t('assessment.request'), icon: <PlusOutlined />, testId: 'assessment-request', onClick: () => setOpen(true) } : null}
      searchPlaceholder={t('assessment.searchPlaceholder')}
      searchTestId="assessment-search"
      filters={
        <Flex gap="small" wrap>
          <Segmented<Queue> options={queues} value={queue} onChange={list.resetting(setQueue)} data-testid="assessment-queue" />
          {queue === 'all' || queue === 'mine' ? (
            <Select allowClear placeholder={t('assessment.allStatus')} value={status} onChange={list.resetting(setStatus)} style={{ width: LAYOUT.filterControlWidth }} options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: ASSESSMENT_STATUS_LABELS[s] }))} />
          ) : null}
          <Select allowClear placeholder={t('assessment.allReasons')} value={reason} onChange={list.resetting(setReason)} style={{ width: LAYOUT.filterControlWidth }} options={ASSESSMENT_REASONS.map((s) => ({ value: s, label: ASSESSMENT_REASON_LABELS[s] }))} />
        </Flex>
      }
      overlays={<RequestModal open={open} onClose={() => setOpen(false)} onCreated={(id) => navigate(`/assessment?id=${id}`)} />}
    >
      <Table<AssessmentSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data.data?.items ?? []}
        loading={data.isFetching}
        pagination={{ current: list.page, pageSize: list.pageSize, total: data.data?.total ?? 0, onChange: list.onPageChange, showTotal: (n) => t('common.total', { total: n }) }}
        data-testid="assessment-table"
      />
    </RegionListPage>
  );
}

export function AssessmentsPage() {
  const [params] = useSearchParams();
  const id = params.get('id');
  const person = params.get('person');
  if (id && params.get('view') === 'report') return <ReportView id={id} />;
  if (id) return <AssessmentWorkspace key={id} id={id} />;
  if (person) return <PersonView key={person} personId={person} />;
  return <QueueView />;
}
