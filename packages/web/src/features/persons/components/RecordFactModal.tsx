/** A staff entry of one fact valid from a date; the value is checked with the core fact schema. */
import { FACT_NAMES, FACT_SCHEMAS, type FactName } from '@yiyang/core';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { RegionTreeSelect } from '@/features/regions/components/RegionTreeSelect';
import { t } from '@/i18n/t';
import { errorText, showSuccess } from '@/ui/feedback';
import { ModalFooter } from '@/ui/ModalFooter';
import { useRecordFact } from '../api';
import { factLabel, options } from '../labels';

const BOOLEAN_FACTS = new Set<FactName>(['family_planning_special', 'homeless', 'heroic_disabled', 'pension_receiving', 'childless', 'has_supporter', 'dementia']);
// capability_grade is written by published assessments only; regions change through life events.
const EDITABLE = FACT_NAMES.filter((f) => !['capability_grade', 'residence_region', 'hukou_region'].includes(f));

function coerce(fact: FactName, v: unknown): unknown {
  if (v === undefined || v === '') return null;
  if (BOOLEAN_FACTS.has(fact)) return v === 'true';
  if (fact === 'disability_level') return Number(v);
  return v;
}

export function RecordFactModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ fact: FactName; value?: string; valid_from: Dayjs }>();
  const [fact, setFact] = useState<FactName>('living_arrangement');
  const record = useRecordFact(personId);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await record.mutateAsync({ fact: v.fact, value: coerce(v.fact, v.value), valid_from: v.valid_from.format('YYYY-MM-DD') });
      showSuccess(t('common.saved'));
      onClose();
    } catch (e) {
      form.setFields([{ name: 'value', errors: [errorText(e)] }]);
    }
  };
  const valueInput = BOOLEAN_FACTS.has(fact) ? (
    <Select options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
  ) : fact === 'disability_level' ? (
    <Select allowClear options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: `${'一二三四'[n - 1]}级` }))} />
  ) : fact === 'institution_id' ? (
    <Input maxLength={100} />
  ) : (
    <Select allowClear options={options(fact)} data-testid="fact-value" />
  );
  return (
    <Modal open={open} title={t('persons.recordFact')} onCancel={onClose} destroyOnHidden
      footer={<ModalFooter onOk={() => void submit().catch(() => undefined)} onCancel={onClose} loading={record.isPending} okTestId="fact-submit" />}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ fact: 'living_arrangement' }}
        onValuesChange={(c: { fact?: FactName }) => { if (c.fact) { setFact(c.fact); form.setFieldValue('value', undefined); } }}>
        <Form.Item name="fact" label={t('persons.fact')} required>
          <Select options={EDITABLE.map((f) => ({ value: f, label: factLabel(f) }))} data-testid="fact-name" />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('persons.value')}
          rules={[{ validator: async (_r, v) => {
            const r = FACT_SCHEMAS[fact].safeParse(coerce(fact, v));
            if (!r.success) throw new Error(r.error.issues[0]?.message ?? t('common.required'));
          } }]}
        >
          {valueInput}
        </Form.Item>
        <Form.Item name="valid_from" label={t('persons.validFrom')} required rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
