/**
 * 津补贴 — programmes of the local catalogue (cash and service credit) with enrolled counts, the
 * enrolment list (effective-dated: start and end month, status, reason), the application form and
 * the approval queue (the current step is the user's: street review or county approval).
 */
import type { Application, Enrolment, Programme } from '@yiyang/core';
import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useApplications, useApply, useDecide, useEnrolments, useProgrammes } from '@/features/benefits/api';
import { isApiError } from '@/lib/api';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';

export function BenefitsPage() {
  const { can } = useSession();
  return (
    <PageContainer title={t('benefits.title')} description={t('benefits.description')} testId="benefits-page">
      <Tabs
        items={[
          { key: 'programmes', label: t('benefits.programmes'), children: <ProgrammesTab /> },
          { key: 'enrolments', label: t('benefits.enrolments'), children: <EnrolmentsTab /> },
          { key: 'applications', label: t('benefits.applications'), children: <ApplicationsTab canApply={can('benefits:apply')} /> },
        ]}
      />
    </PageContainer>
  );
}

function ProgrammesTab() {
  const programmes = useProgrammes();
  const columns: ColumnsType<Programme> = [
    { title: t('benefits.code'), dataIndex: 'code' },
    { title: t('benefits.name'), dataIndex: 'name' },
    { title: t('benefits.kind'), dataIndex: 'benefit_kind', render: (k: Programme['benefit_kind']) => <Tag>{t(`benefits.kinds.${k}`)}</Tag> },
    { title: t('benefits.startRule'), dataIndex: 'start_rule', render: (r: Programme['start_rule']) => t(`benefits.startRules.${r}`) },
    { title: t('benefits.road'), dataIndex: 'requires_application', render: (v: boolean) => (v ? t('benefits.byApplication') : t('benefits.automatic')) },
    { title: t('benefits.notWith'), dataIndex: 'not_with', render: (v: string[]) => v.join('、') || '—' },
    { title: t('benefits.enrolled'), dataIndex: 'enrolled' },
    { title: t('benefits.citation'), dataIndex: 'citation' },
  ];
  return <Table<Programme> rowKey="code" size="small" columns={columns} dataSource={programmes.data?.items ?? []} loading={programmes.isFetching} pagination={false} data-testid="programmes-table" />;
}

function EnrolmentsTab() {
  const [programme, setProgramme] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const programmes = useProgrammes();
  const list = useEnrolments({ programme, page, page_size: 20 });
  const columns: ColumnsType<Enrolment> = [
    { title: t('benefits.person'), dataIndex: 'name' },
    { title: t('benefits.idNumber'), dataIndex: 'id_number' },
    { title: t('benefits.programme'), dataIndex: 'programme' },
    { title: t('benefits.startMonth'), dataIndex: 'start_month' },
    { title: t('benefits.endMonth'), dataIndex: 'end_month', render: (v: string | null) => v ?? '—' },
    { title: t('benefits.status'), dataIndex: 'status', render: (s: Enrolment['status'], e) => <Tag color={s === 'active' ? 'green' : s === 'suspended' ? 'gold' : 'default'}>{t(`benefits.statuses.${s}`)}{e.end_reason ? `（${t(`benefits.endReasons.${e.end_reason}`)}）` : ''}</Tag> },
    { title: t('benefits.source'), dataIndex: 'source', render: (s: Enrolment['source']) => t(`benefits.sources.${s}`) },
  ];
  return (
    <Flex vertical gap="middle">
      <Select allowClear style={{ width: 260 }} placeholder={t('benefits.programme')} value={programme} onChange={(v) => { setProgramme(v); setPage(1); }} options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))} />
      <Table<Enrolment> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="enrolments-table" />
    </Flex>
  );
}

function ApplicationsTab({ canApply }: { canApply: boolean }) {
  const [mine, setMine] = useState(true);
  const [page, setPage] = useState(1);
  const list = useApplications({ mine: mine ? 'true' : undefined, status: mine ? 'pending' : undefined, page, page_size: 20 });
  const decide = useDecide();
  const [deciding, setDeciding] = useState<{ a: Application; decision: 'approve' | 'reject' } | null>(null);
  const [reason, setReason] = useState('');
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const columns: ColumnsType<Application> = [
    { title: t('benefits.person'), dataIndex: 'name' },
    { title: t('benefits.programme'), dataIndex: 'programme' },
    { title: t('benefits.applicant'), key: 'applicant', render: (_, a) => `${a.applicant_name}（${t(`benefits.applicantKinds.${a.applicant_kind}`)}）` },
    { title: t('benefits.appliedOn'), dataIndex: 'applied_on' },
    { title: t('benefits.step'), key: 'step', render: (_, a) => (a.status === 'pending' ? <Tag color={a.overdue ? 'red' : 'blue'}>{a.step_label}{a.overdue ? `（${t('benefits.overdue')}）` : ''}</Tag> : <Tag>{t(`benefits.appStatuses.${a.status}`)}</Tag>) },
    { title: t('benefits.dueOn'), dataIndex: 'step_due_on', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) =>
        a.status === 'pending' && mine ? (
          <Flex gap="small">
            <Button size="small" type="primary" onClick={() => setDeciding({ a, decision: 'approve' })} data-testid={`app-approve-${a.id}`}>{t('benefits.approve')}</Button>
            <Button size="small" danger onClick={() => setDeciding({ a, decision: 'reject' })}>{t('benefits.reject')}</Button>
          </Flex>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap="middle">
      <Flex gap="middle">
        <Select style={{ width: 200 }} value={mine ? 'mine' : 'all'} onChange={(v) => { setMine(v === 'mine'); setPage(1); }} options={[{ value: 'mine', label: t('benefits.myQueue') }, { value: 'all', label: t('benefits.allApplications') }]} />
        {canApply ? <Button onClick={() => setApplying(true)} data-testid="app-new">{t('benefits.newApplication')}</Button> : null}
      </Flex>
      {error ? <Alert type="error" message={error} showIcon closable onClose={() => setError(null)} /> : null}
      <Table<Application> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} data-testid="applications-table" />
      <Modal
        open={!!deciding}
        title={deciding?.decision === 'approve' ? t('benefits.approve') : t('benefits.reject')}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: decide.isPending }}
        onCancel={() => setDeciding(null)}
        onOk={async () => {
          if (!deciding) return;
          try {
            await decide.mutateAsync({ id: deciding.a.id, decision: deciding.decision, reason, version: deciding.a.version });
            showSuccess(t('benefits.decided'));
          } catch (e) {
            setError(isApiError(e) ? e.message : String(e));
          }
          setDeciding(null);
          setReason('');
        }}
      >
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('benefits.reasonRequired')} autoSize={{ minRows: 3 }} maxLength={500} />
      </Modal>
      <ApplyModal open={applying} onClose={() => setApplying(false)} onError={setError} />
    </Flex>
  );
}

function ApplyModal({ open, onClose, onError }: { open: boolean; onClose: () => void; onError: (m: string) => void }) {
  const [form] = Form.useForm();
  const apply = useApply();
  const programmes = useProgrammes();
  return (
    <Modal
      open={open}
      title={t('benefits.newApplication')}
      confirmLoading={apply.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await apply.mutateAsync(v);
          showSuccess(t('benefits.applied'));
          form.resetFields();
          onClose();
        } catch (e) {
          onError(isApiError(e) ? e.message : String(e));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ applicant_kind: 'family' }}>
        <Form.Item name="person_id" label={t('benefits.personId')} rules={[{ required: true }]}><Input placeholder={t('benefits.personIdHint')} /></Form.Item>
        <Form.Item name="programme" label={t('benefits.programme')} rules={[{ required: true }]}>
          <Select options={(programmes.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.name}（${p.code}）` }))} />
        </Form.Item>
        <Form.Item name="applicant_kind" label={t('benefits.applicantKind')}>
          <Select options={(['self', 'family', 'staff'] as const).map((k) => ({ value: k, label: t(`benefits.applicantKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="applicant_name" label={t('benefits.applicantName')} rules={[{ required: true }]}><Input maxLength={50} /></Form.Item>
        <Form.Item name="bank" label={t('benefits.bank')}><Input maxLength={50} /></Form.Item>
        <Form.Item name="account" label={t('benefits.account')} rules={[{ pattern: /^\d{8,30}$/, message: t('benefits.accountInvalid') }]}><Input maxLength={30} /></Form.Item>
        <Form.Item name="note" label={t('benefits.note')}><Input.TextArea maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}
