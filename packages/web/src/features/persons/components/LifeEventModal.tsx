/** Record a life event with its effective date; validated with the core LifeEventInput schema. */
import { LIFE_EVENT_TYPES, LifeEventInput, type LifeEventType } from '@yiyang/core';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { RegionTreeSelect } from '@/features/regions/components/RegionTreeSelect';
import { t } from '@/i18n/t';
import { showSuccess, errorText } from '@/ui/feedback';
import { ModalFooter } from '@/ui/ModalFooter';
import { useRecordEvent } from '../api';
import { eventLabel, options } from '../labels';

interface Values {
  type: LifeEventType;
  effective_date: Dayjs;
  to_region?: string;
  institution?: string;
  living_arrangement?: string;
  economic_status?: string;
  note?: string;
}

export function LifeEventModal({ personId, open, onClose }: { personId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [type, setType] = useState<LifeEventType>('economic_status');
  const record = useRecordEvent(personId);
  const submit = async () => {
    const v = await form.validateFields();
    const input = { ...v, effective_date: v.effective_date.format('YYYY-MM-DD') };
    const parsed = LifeEventInput.safeParse(Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined && x !== '')));
    if (!parsed.success) {
      form.setFields([{ name: (parsed.error.issues[0]?.path[0] as keyof Values) ?? 'type', errors: [parsed.error.issues[0]?.message ?? t('common.required')] }]);
      return;
    }
    try {
      await record.mutateAsync(parsed.data);
      showSuccess(t('common.saved'));
      onClose();
    } catch (e) {
      form.setFields([{ name: 'effective_date', errors: [errorText(e)] }]);
    }
  };
  return (
    <Modal open={open} title={t('persons.recordEvent')} onCancel={onClose} destroyOnHidden
      footer={<ModalFooter onOk={() => void submit().catch(() => undefined)} onCancel={onClose} loading={record.isPending} okTestId="event-submit" />}>
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ type: 'economic_status' }} onValuesChange={(c: Partial<Values>) => c.type && setType(c.type)}>
        <Form.Item name="type" label={t('persons.eventType')} required>
          <Select options={LIFE_EVENT_TYPES.map((x) => ({ value: x, label: eventLabel(x) }))} data-testid="event-type" />
        </Form.Item>
        <Form.Item name="effective_date" label={t('persons.effectiveDate')} required rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker data-testid="event-date" />
        </Form.Item>
        {type === 'move' || type === 'hukou_transfer' ? (
          <Form.Item name="to_region" label={t('persons.toRegion')} required rules={[{ required: true, message: t('common.required') }]}>
            <RegionTreeSelect />
          </Form.Item>
        ) : null}
        {type === 'enter_institution' ? (
          <Form.Item name="institution" label={t('persons.institution')} required rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        {type === 'leave_institution' ? (
          <Form.Item name="living_arrangement" label={t('persons.afterLeaving')} required rules={[{ required: true, message: t('common.required') }]}>
            <Select options={options('living_arrangement').filter((o) => o.value !== 'institution')} />
          </Form.Item>
        ) : null}
        {type === 'economic_status' ? (
          <Form.Item name="economic_status" label={t('persons.economicStatus')} required rules={[{ required: true, message: t('common.required') }]}>
            <Select options={options('economic_status')} data-testid="event-economic-status" />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('persons.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
