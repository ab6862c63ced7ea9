/** Create or edit an organisation. Editing sends the version read, so a concurrent change is refused. */
import { CreateOrganisation, ORG_TYPE_LABELS, OrgType, type Organisation } from '@yiyang/core';
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { t } from '@/i18n/t';
import { zodRule } from '@/lib/zod-antd-rules';
import { showSuccess } from '@/ui/feedback';
import { ModalFooter } from '@/ui/ModalFooter';
import { RegionTreeSelect } from '@/features/regions/components/RegionTreeSelect';
import { useCreateOrg, useUpdateOrg } from '../api';
import { OrgSelect } from './OrgSelect';

export interface OrgFormModalProps {
  open: boolean;
  /** The organisation being edited; undefined to create one. */
  org?: Organisation | undefined;
  /** Region preselected when creating (the region chosen in the tree). */
  defaultRegion?: string | undefined;
  onClose: () => void;
}

interface OrgFormValues {
  name: string;
  type: OrgType;
  region_code: string;
  parent_id?: string | undefined;
  unified_credit_code?: string | undefined;
  contact_phone?: string | undefined;
  status?: 'active' | 'inactive';
}

const shape = CreateOrganisation.shape;

export function OrgFormModal({ open, org, defaultRegion, onClose }: OrgFormModalProps) {
  const [form] = Form.useForm<OrgFormValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const editing = !!org;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org) {
      form.setFieldsValue({
        name: org.name,
        type: org.type,
        region_code: org.region_code,
        parent_id: org.parent_id ?? undefined,
        unified_credit_code: org.unified_credit_code ?? undefined,
        contact_phone: org.contact_phone ?? undefined,
        status: org.status,
      });
    } else if (defaultRegion) {
      form.setFieldsValue({ region_code: defaultRegion });
    }
  }, [open, org, defaultRegion, form]);

  async function handleOk() {
    const v = await form.validateFields();
    const body = {
      name: v.name.trim(),
      type: v.type,
      region_code: v.region_code,
      parent_id: v.parent_id ?? null,
      unified_credit_code: v.unified_credit_code?.trim() || null,
      contact_phone: v.contact_phone?.trim() || null,
    };
    if (org) {
      await update.mutateAsync({ id: org.id, body: { ...body, status: v.status ?? org.status, version: org.version } });
      showSuccess(t('common.saved'));
    } else {
      await create.mutateAsync(body);
      showSuccess(t('common.created'));
    }
    onClose();
  }

  return (
    <Modal
      open={open}
      title={editing ? t('orgs.editTitle') : t('orgs.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onOk={() => void handleOk().catch(() => undefined)}
          onCancel={onClose}
          loading={create.isPending || update.isPending}
          okTestId="org-form-submit"
        />
      }
    >
      <Form<OrgFormValues> form={form} layout="vertical" data-testid="org-form" preserve={false}>
        <Form.Item name="name" label={t('orgs.name')} required rules={[zodRule(shape.name, t('common.required'))]}>
          <Input maxLength={100} data-testid="org-form-name" />
        </Form.Item>
        <Form.Item name="type" label={t('orgs.type')} required rules={[zodRule(shape.type, t('common.required'))]}>
          <Select
            data-testid="org-form-type"
            options={OrgType.options.map((o) => ({ value: o, label: ORG_TYPE_LABELS[o] }))}
          />
        </Form.Item>
        <Form.Item name="region_code" label={t('orgs.region')} required rules={[zodRule(shape.region_code, t('common.required'))]}>
          <RegionTreeSelect fallbackLabel={org?.region_name} testId="org-form-region" />
        </Form.Item>
        <Form.Item name="parent_id" label={t('orgs.parent')}>
          <OrgSelect allowClear placeholder={t('orgs.parentPlaceholder')} testId="org-form-parent" />
        </Form.Item>
        <Form.Item name="unified_credit_code" label={t('orgs.creditCode')} rules={[zodRule(shape.unified_credit_code, t('common.required'))]}>
          <Input maxLength={18} data-testid="org-form-credit-code" />
        </Form.Item>
        <Form.Item name="contact_phone" label={t('orgs.phone')} rules={[zodRule(shape.contact_phone, t('common.required'))]}>
          <Input maxLength={30} data-testid="org-form-phone" />
        </Form.Item>
        {editing ? (
          <Form.Item name="status" label={t('orgs.status')}>
            <Select
              data-testid="org-form-status"
              options={[
                { value: 'active', label: t('common.active') },
                { value: 'inactive', label: t('common.inactive') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
