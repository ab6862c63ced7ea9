import { APPLICANT_RELATION_LABELS, APPLICANT_RELATIONS, ASSESSMENT_REASON_LABELS } from '@yiyang/core';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { showError, showSuccess } from '@/ui/feedback';
import { usePersonSearch, useRequestAssessment } from '../api';

interface Values {
  person_id: string;
  reason: 'first' | 'routine' | 'immediate';
  channel: 'applicant' | 'staff';
  applicant_name?: string;
  applicant_relation?: string;
  note?: string;
}

/** Staff record a request: the person or family applying through them, or on their own initiative. */
export function RequestModal({ open, personId, personName, onClose, onCreated }: { open: boolean; personId?: string | undefined; personName?: string | undefined; onClose: () => void; onCreated: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const persons = usePersonSearch(q);
  const request = useRequestAssessment();
  const channel = Form.useWatch('channel', form);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const d = await request.mutateAsync({ ...v, person_id: personId ?? v.person_id, applicant_name: v.applicant_name || null, applicant_relation: v.applicant_relation || null, note: v.note || null });
      showSuccess(t('assessment.requested'));
      form.resetFields();
      onCreated(d.id);
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal open={open} title={t('assessment.request')} onCancel={onClose} onOk={submit} confirmLoading={request.isPending} okButtonProps={{ 'data-testid': 'request-submit' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ reason: 'first', channel: 'applicant' }}>
        {personId ? (
          <Form.Item label={t('assessment.person')}>{personName}</Form.Item>
        ) : (
          <Form.Item name="person_id" label={t('assessment.person')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQ }}
              placeholder={t('assessment.personSearch')}
              loading={persons.isFetching}
              options={(persons.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.id_number}，${p.region_name}）` }))}
              data-testid="request-person"
            />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('assessment.reason')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['first', 'routine', 'immediate'] as const).map((r) => ({ value: r, label: ASSESSMENT_REASON_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('assessment.channel')}>
          <Radio.Group options={[{ value: 'applicant', label: '本人或家属申请' }, { value: 'staff', label: '工作人员发起' }]} />
        </Form.Item>
        {channel === 'applicant' ? (
          <>
            <Form.Item name="applicant_name" label={t('assessment.applicantName')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="applicant_relation" label={t('assessment.applicantRelation')}>
              <Select allowClear options={APPLICANT_RELATIONS.map((r) => ({ value: r, label: APPLICANT_RELATION_LABELS[r] }))} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label={t('assessment.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
