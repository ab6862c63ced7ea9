import type { AssessmentDetail } from '@yiyang/core';
import { Form, Modal, Select } from 'antd';
import { t } from '@/i18n/t';
import { showError, showSuccess } from '@/ui/feedback';
import { useAgencies, useAssign } from '../api';

interface Values {
  agency_id: string;
  a1: string;
  a2: string;
}

/** Assign an assessment agency and two (different) assessors. */
export function AssignModal({ open, assessment, onClose }: { open: boolean; assessment: AssessmentDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const agencies = useAgencies(assessment.region_code, open);
  const assign = useAssign();
  const agencyId = Form.useWatch('agency_id', form);
  const assessors = agencies.data?.items.find((a) => a.id === agencyId)?.assessors ?? [];
  const options = assessors.map((a) => ({ value: a.id, label: a.name }));

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await assign.mutateAsync({ id: assessment.id, agency_id: v.agency_id, assessor_ids: [v.a1, v.a2], version: assessment.version });
      showSuccess(t('assessment.assigned'));
      onClose();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Modal open={open} title={t('assessment.assign')} onCancel={onClose} onOk={submit} confirmLoading={assign.isPending} okButtonProps={{ 'data-testid': 'assign-submit' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ agency_id: assessment.agency_id ?? undefined, a1: assessment.assessors[0]?.id, a2: assessment.assessors[1]?.id }}>
        <Form.Item name="agency_id" label={t('assessment.agency')} rules={[{ required: true, message: t('common.required') }]}>
          <Select loading={agencies.isLoading} options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} data-testid="assign-agency" />
        </Form.Item>
        <Form.Item name="a1" label={t('assessment.assessor1')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={options} data-testid="assign-assessor1" />
        </Form.Item>
        <Form.Item
          name="a2"
          label={t('assessment.assessor2')}
          dependencies={['a1']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({ validator: (_r, v) => (v && v === getFieldValue('a1') ? Promise.reject(new Error(t('assessment.sameAssessor'))) : Promise.resolve()) }),
          ]}
        >
          <Select options={options} data-testid="assign-assessor2" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
