/** Edit a role (name, description, require MFA, permissions) or create a custom one. */
import { CreateRole, type Role } from '@yiyang/core';
import { Form, Input, Modal, Spin, Switch } from 'antd';
import { useEffect, useMemo } from 'react';
import { useSession } from '@/features/auth/session';
import { t } from '@/i18n/t';
import { zodRule } from '@/lib/zod-antd-rules';
import { showSuccess } from '@/ui/feedback';
import { ModalFooter } from '@/ui/ModalFooter';
import { LAYOUT } from '@/ui/theme';
import { useCreateRole, usePermissionCatalog, useUpdateRole } from '../api';
import { PermissionChecklist } from './PermissionChecklist';

export interface RoleFormModalProps {
  open: boolean;
  role?: Role | undefined;
  readOnly: boolean;
  onClose: () => void;
}

interface RoleFormValues {
  code: string;
  name: string;
  description: string;
  require_mfa: boolean;
  permissions: string[];
}

const shape = CreateRole.shape;

export function RoleFormModal({ open, role, readOnly, onClose }: RoleFormModalProps) {
  const [form] = Form.useForm<RoleFormValues>();
  const { me } = useSession();
  const catalog = usePermissionCatalog(open);
  const create = useCreateRole();
  const update = useUpdateRole();
  const editing = !!role;
  const notMine = useMemo(() => {
    const mine = new Set(me.permissions);
    return new Set((catalog.data ?? []).map((p) => p.code).filter((c) => !mine.has(c)));
  }, [catalog.data, me.permissions]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      role
        ? { code: role.code, name: role.name, description: role.description, require_mfa: role.require_mfa, permissions: role.permissions }
        : { code: '', name: '', description: '', require_mfa: false, permissions: [] },
    );
  }, [open, role, form]);

  async function handleOk() {
    const v = await form.validateFields();
    if (role) {
      await update.mutateAsync({
        code: role.code,
        body: { name: v.name.trim(), description: v.description ?? '', require_mfa: v.require_mfa, permissions: v.permissions, version: role.version },
      });
      showSuccess(t('common.saved'));
    } else {
      await create.mutateAsync({ code: v.code, name: v.name.trim(), description: v.description ?? '', require_mfa: v.require_mfa, permissions: v.permissions });
      showSuccess(t('common.created'));
    }
    onClose();
  }

  return (
    <Modal
      open={open}
      width={LAYOUT.wideModalWidth}
      title={role ? t('roles.editTitle', { name: role.name }) : t('roles.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        readOnly ? null : (
          <ModalFooter
            onOk={() => void handleOk().catch(() => undefined)}
            onCancel={onClose}
            loading={create.isPending || update.isPending}
            okTestId="role-form-submit"
          />
        )
      }
    >
      <Form<RoleFormValues> form={form} layout="vertical" disabled={readOnly} data-testid="role-form" preserve={false}>
        <Form.Item name="code" label={t('roles.code')} required rules={editing ? [] : [zodRule(shape.code, t('common.required'))]}>
          <Input disabled={editing || readOnly} data-testid="role-form-code" />
        </Form.Item>
        <Form.Item name="name" label={t('roles.name')} required rules={[zodRule(shape.name, t('common.required'))]}>
          <Input maxLength={40} data-testid="role-form-name" />
        </Form.Item>
        <Form.Item name="description" label={t('roles.descriptionLabel')} rules={[zodRule(shape.description, t('common.required'))]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="require_mfa" label={t('roles.requireMfa')} valuePropName="checked" extra={t('roles.requireMfaHint')}>
          <Switch data-testid="role-form-require-mfa" />
        </Form.Item>
        {catalog.isLoading ? <Spin /> : null}
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionChecklist catalog={catalog.data ?? []} disabledCodes={notMine} readOnly={readOnly} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
