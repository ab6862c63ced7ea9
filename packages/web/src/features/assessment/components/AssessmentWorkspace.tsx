/**
 * One assessment: its facts, the buttons the server says the user may press (allowed_actions, from
 * the core transition table), the on-site form for its assessors, the result, and the action log.
 */
import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons';
import {
  APPLICANT_RELATION_LABELS,
  ASSESSMENT_REASON_LABELS,
  DIMENSIONS,
  gradeFullName,
  REQUEST_CHANNEL_LABELS,
  type AssessmentDetail,
  type CapabilityGrade,
} from '@yiyang/core';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Result, Row, Space, Spin, Statistic } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { t } from '@/i18n/t';
import { errorText, showError, showSuccess } from '@/ui/feedback';
import { formatDateTime } from '@/ui/format';
import { PageContainer } from '@/ui/PageContainer';
import { useAssessment, useCancel, useObject, usePublish, useReview } from '../api';
import { ActionLog } from './ActionLog';
import { AssignModal } from './AssignModal';
import { OnSiteForm } from './OnSiteForm';
import { GradeTag, StatusTag } from './tags';

function ResultCard({ a }: { a: AssessmentDetail }) {
  if (!a.health_visible) return <Alert type="info" showIcon message={t('assessment.healthHidden')} />;
  if (!a.result) return null;
  const r = a.result;
  return (
    <Card size="small" title={t('assessment.result')} data-testid="assessment-result" extra={<Link to={`/assessment?id=${a.id}&view=report`}><FileTextOutlined /> {t('assessment.report')}</Link>}>
      <Row gutter={16}>
        {DIMENSIONS.map((d) => (
          <Col key={d.code} xs={12} md={6}>
            <Statistic title={`${d.code} ${d.name}`} value={r.dimensions[d.code] ?? 0} suffix={`/ ${d.max}`} />
          </Col>
        ))}
      </Row>
      <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('assessment.total')}>{r.total} / 90</Descriptions.Item>
        <Descriptions.Item label={t('assessment.initialGrade')}>{gradeFullName(r.initial_grade as CapabilityGrade)}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.changes')}>{r.changes.length ? r.changes.map((c) => c.description).join('；') : t('assessment.noChanges')}</Descriptions.Item>
        <Descriptions.Item label={t('assessment.finalGrade')}>
          <span data-testid="result-grade">{gradeFullName(r.grade as CapabilityGrade)}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function TextModal({ open, title, label, required, onOk, onClose, loading }: { open: boolean; title: string; label: string; required: boolean; onOk: (text: string) => void; onClose: () => void; loading: boolean }) {
  const [form] = Form.useForm<{ text: string }>();
  return (
    <Modal open={open} title={title} onCancel={onClose} confirmLoading={loading} destroyOnHidden okButtonProps={{ 'data-testid': 'text-modal-ok' }} onOk={async () => onOk((await form.validateFields()).text ?? '')}>
      <Form form={form} layout="vertical">
        <Form.Item name="text" label={label} rules={required ? [{ required: true, min: 2, message: t('common.required') }] : []}>
          <Input.TextArea rows={3} maxLength={500} data-testid="text-modal-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AssessmentWorkspace({ id }: { id: string }) {
  const navigate = useNavigate();
  const q = useAssessment(id);
  const review = useReview();
  const publish = usePublish();
  const object = useObject();
  const cancel = useCancel();
  const [modal, setModal] = useState<null | 'assign' | 'return' | 'approve' | 'object' | 'cancel'>(null);

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <Result status="warning" title={errorText(q.error)} extra={<Button onClick={() => navigate('/assessment')}>{t('assessment.back')}</Button>} />;
  const a = q.data;
  const can = (x: string) => a.allowed_actions.includes(x as never);
  const run = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      showSuccess(ok);
      setModal(null);
    } catch (e) {
      showError(e);
    }
  };
  const editing = can('save_draft');

  return (
    <PageContainer
      title={`${a.person_name} · ${a.number}`}
      testId="assessment-workspace"
      description={
        <Space wrap>
          <StatusTag status={a.status} />
          <span>{a.disputes_id ? t('assessment.disputeOf', { number: '' }) : ASSESSMENT_REASON_LABELS[a.reason]}</span>
          <GradeTag grade={a.grade} testId="published-grade" />
        </Space>
      }
      extra={
        <Space wrap data-no-print>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/assessment')}>
            {t('assessment.back')}
          </Button>
          {can('assign') ? <Button onClick={() => setModal('assign')} data-testid="action-assign">{t('assessment.assign')}</Button> : null}
          {can('approve') ? <Button type="primary" onClick={() => setModal('approve')} data-testid="action-approve">{t('assessment.approve')}</Button> : null}
          {can('return') ? <Button danger onClick={() => setModal('return')} data-testid="action-return">{t('assessment.returnForm')}</Button> : null}
          {can('publish') ? (
            <Popconfirm title={t('assessment.publishConfirm')} onConfirm={() => run(publish.mutateAsync({ id: a.id, version: a.version }), t('assessment.published'))} okButtonProps={{ 'data-testid': 'publish-confirm' }}>
              <Button type="primary" loading={publish.isPending} data-testid="action-publish">{t('assessment.publish')}</Button>
            </Popconfirm>
          ) : null}
          {can('object') ? <Button onClick={() => setModal('object')} data-testid="action-object">{t('assessment.object')}</Button> : null}
          {can('cancel') ? <Button danger type="text" onClick={() => setModal('cancel')} data-testid="action-cancel">{t('assessment.cancel')}</Button> : null}
        </Space>
      }
    >
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('assessment.person')}>
            <Link to={`/assessment?person=${a.person_id}`}>{a.person_name}</Link>
            {a.person_age !== null ? `（${a.person_age}岁）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.reason')}>{ASSESSMENT_REASON_LABELS[a.reason]}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.channel')}>{REQUEST_CHANNEL_LABELS[a.channel]}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.applicantName')}>
            {a.applicant_name ?? '—'}
            {a.applicant_relation ? `（${APPLICANT_RELATION_LABELS[a.applicant_relation]}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.requestedAt')}>{formatDateTime(a.requested_at)}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.agency')}>{a.agency_name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.assessors')}>
            <span data-testid="assessors">{a.assessors.map((x) => x.name).join('、') || '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.assessmentDate')}>{a.assessment_date ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.nextDue')}>{a.next_due_date ?? '—'}</Descriptions.Item>
          {a.review_comment ? <Descriptions.Item label={t('assessment.reviewComment')}>{a.review_comment}</Descriptions.Item> : null}
          {a.objection ? (
            <Descriptions.Item label={t('assessment.objection')}>
              {a.objection.reason}
              {a.objection.dispute_id ? <Link to={`/assessment?id=${a.objection.dispute_id}`}>（{t('assessment.view')}）</Link> : null}
            </Descriptions.Item>
          ) : null}
          {a.request_note ? <Descriptions.Item label={t('assessment.note')}>{a.request_note}</Descriptions.Item> : null}
        </Descriptions>
      </Card>

      {editing ? <OnSiteForm key={a.id} assessment={a} canSubmit={can('submit')} /> : <ResultCard a={a} />}
      <ActionLog id={a.id} />

      {modal === 'assign' ? <AssignModal open assessment={a} onClose={() => setModal(null)} /> : null}
      <TextModal open={modal === 'approve'} title={t('assessment.approve')} label={t('assessment.reviewComment')} required={false} loading={review.isPending} onClose={() => setModal(null)} onOk={(text) => run(review.mutateAsync({ id: a.id, decision: 'approve', comment: text || null, version: a.version }), t('assessment.approve'))} />
      <TextModal open={modal === 'return'} title={t('assessment.returnForm')} label={t('assessment.returnComment')} required loading={review.isPending} onClose={() => setModal(null)} onOk={(text) => run(review.mutateAsync({ id: a.id, decision: 'return', comment: text, version: a.version }), t('assessment.returnForm'))} />
      <TextModal open={modal === 'object'} title={t('assessment.object')} label={t('assessment.objectReason')} required loading={object.isPending} onClose={() => setModal(null)} onOk={(text) => run(object.mutateAsync({ id: a.id, reason: text, version: a.version }).then((d) => navigate(`/assessment?id=${d.id}`)), t('assessment.objected'))} />
      <TextModal open={modal === 'cancel'} title={t('assessment.cancel')} label={t('assessment.cancelReason')} required loading={cancel.isPending} onClose={() => setModal(null)} onOk={(text) => run(cancel.mutateAsync({ id: a.id, reason: text, version: a.version }), t('assessment.cancelled'))} />
    </PageContainer>
  );
}
