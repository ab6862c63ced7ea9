/** Edit name, phone and address; field rules are the core zod schemas the server validates with. */
import { PersonName, UpdatePerson, type PersonDetail } from '@yiyang/core';
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { t } from '@/i18n/t';
import { zodRule } from '@/lib/zod-antd-rules';
import { showSuccess } from '@/ui/feedback';
import { ModalFooter } from '@/ui/ModalFooter';
import { useUpdatePerson } from '../api';

const phoneRule = UpdatePerson.shape.phone.unwrap().unwrap().regex(/^\+?[\d\s-]{7,20}$/, '联系电话格式不正确');

export function PersonEditModal({ person, open, onClose }: { person: PersonDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; phone?: string; address?: string }>();
  const update = useUpdatePerson(person.id);
  useEffect(() => {
    if (open) form.setFieldsValue({ name: person.name, address: person.address ?? '' });
  }, [open, person, form]);
  const submit = async () => {
    const v = await form.validateFields();
    await update.mutateAsync({
      name: v.name.trim(),
      address: v.address?.trim() || null,
      ...(v.phone ? { phone: v.phone.trim() } : {}),
      version: person.version,
    });
    showSuccess(t('common.saved'));
    onClose();
  };
  return (
    <Modal open={open} title={t('persons.edit')} onCancel={onClose} destroyOnHidden
      footer={<ModalFooter onOk={() => void submit().catch(() => undefined)} onCancel={onClose} loading={update.isPending} okTestId="person-edit-submit" />}>
      <Form form={form} layout="vertical" preserve={false} data-testid="person-edit-form">
        <Form.Item name="name" label={t('persons.name')} required rules={[zodRule(PersonName, t('common.required'))]}>
          <Input maxLength={50} data-testid="person-edit-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('persons.phone')} extra={person.phone ? `${person.phone}（留空不修改）` : undefined} rules={[zodRule(phoneRule.optional(), t('common.required'))]}>
          <Input maxLength={30} data-testid="person-edit-phone" />
        </Form.Item>
        <Form.Item name="address" label={t('persons.address')} rules={[zodRule(UpdatePerson.shape.address, t('common.required'))]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
