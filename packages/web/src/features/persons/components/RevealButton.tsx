/** Masked by default; the full ID number and phone only through the audited reveal, with a reason. */
import { EyeOutlined } from '@ant-design/icons';
import { RevealRequest } from '@yiyang/core';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { zodRule } from '@/lib/zod-antd-rules';
import { ModalFooter } from '@/ui/ModalFooter';
import { useReveal } from '../api';

export function RevealButton({ personId }: { personId: string }) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ id_number: string; phone: string | null } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useReveal(personId);
  const submit = async () => {
    const v = await form.validateFields();
    setShown(await reveal.mutateAsync(v.reason));
  };
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => { setShown(null); setOpen(true); }} data-testid="person-reveal">
        {t('persons.reveal')}
      </Button>
      <Modal open={open} title={t('persons.revealTitle')} onCancel={() => setOpen(false)} destroyOnHidden
        footer={shown ? <Button onClick={() => setOpen(false)}>{t('common.close')}</Button> : <ModalFooter onOk={() => void submit().catch(() => undefined)} onCancel={() => setOpen(false)} loading={reveal.isPending} okTestId="person-reveal-submit" />}>
        {shown ? (
          <Alert type="warning" showIcon message={t('persons.revealed')} description={<Typography.Text copyable data-testid="person-revealed">{shown.id_number}{shown.phone ? ` / ${shown.phone}` : ''}</Typography.Text>} />
        ) : (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item name="reason" label={t('persons.revealReason')} extra={t('persons.revealReasonHint')} required rules={[zodRule(RevealRequest.shape.reason, t('common.required'))]}>
              <Input.TextArea rows={2} maxLength={200} data-testid="person-reveal-reason" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
