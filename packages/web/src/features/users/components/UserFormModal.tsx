/**
 * Create a user (the server generates the initial password, shown once by the caller) or edit one
 * (name, organisation, roles, status; sends the version read).
 */
import { CreateUser, type User } from '@yiyang/core';
import { Form, Input, Modal, Select, Tooltip } from 'antd';
import { useEffect, useMemo } from 'react';
import { useSession } from '@/features/auth/session';
import { OrgSelect } from '@/features/orgs/components/OrgSelect';
import { useRoles } from '@/features/roles/api';
import { t } from '@/i18n/t';
import { zodRule } from '@/lib/zod-antd-rules';
import { showSuccess } from '@/ui/feedback';
import { ModalFooter } from '@/ui/ModalFooter';
import { useCreateUser, useUpdateUser } from '../api';

export interface UserFormModalProps {
  open: boolean;
  user?: User | undefined;
  onClose: () => void;
  /** After a create: the generated password to show once. */
  onCreated: (user: User, initialPassword: string | null) => void;
}

interface UserFormValues {
  username: string;
  display_name: string;
  org_id: string;
  roles: string[];
  status?: 'active' | 'disabled';
}

const shape = CreateUser.shape;

export function UserFormModal({ open, user, onClose, onCreated }: UserFormModalProps) {
  const [form] = Form.useForm<UserFormValues>();
  const { me } = useSession();
  const roles = useRoles(open);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = !!user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({ username: user.username, display_name: user.display_name, org_id: user.org_id, roles: user.roles, status: user.status });
    }
  }, [open, user, form]);

  // A user may grant only roles whose permissions they hold themselves; the server enforces it too.
  const roleOptions = useMemo(() => {
    const mine = new Set(me.permissions);
    return (roles.data ?? []).map((r) => {
      const grantable = r.permissions.every((p) => mine.has(p));
      return {
        value: r.code,
        label: grantable ? r.name : <Tooltip title={t('users.roleNotGrantable')}>{r.name}</Tooltip>,
        title: r.name,
        disabled: !grantable,
      };
    });
  }, [roles.data, me.permissions]);

  async function handleOk() {
    const v = await form.validateFields();
    if (user) {
      await update.mutateAsync({
        id: user.id,
        body: { display_name: v.display_name.trim(), org_id: v.org_id, roles: v.roles, status: v.status ?? user.status, version: user.version },
      });
      showSuccess(t('common.saved'));
      onClose();
    } else {
      const res = await create.mutateAsync({ username: v.username.trim(), display_name: v.display_name.trim(), org_id: v.org_id, roles: v.roles });
      onClose();
      onCreated(res.user, res.initial_password);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle') : t('users.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <ModalFooter
          onOk={() => void handleOk().catch(() => undefined)}
          onCancel={onClose}
          loading={create.isPending || update.isPending}
          okTestId="user-form-submit"
        />
      }
    >
      <Form<UserFormValues> form={form} layout="vertical" data-testid="user-form" preserve={false}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameHint')}
          required
          rules={editing ? [] : [zodRule(shape.username, t('common.required'))]}
        >
          <Input maxLength={32} disabled={editing} autoComplete="off" data-testid="user-form-username" />
        </Form.Item>
        <Form.Item name="display_name" label={t('users.displayName')} required rules={[zodRule(shape.display_name, t('common.required'))]}>
          <Input maxLength={50} data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="org_id" label={t('users.org')} required rules={[zodRule(shape.org_id, t('common.required'))]}>
          <OrgSelect fallbackLabel={user ? `${user.org_name}（${user.region_name}）` : undefined} testId="user-form-org" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} required rules={[zodRule(shape.roles, t('users.rolesRequired'))]}>
          <Select
            mode="multiple"
            options={roleOptions}
            optionFilterProp="title"
            loading={roles.isLoading}
            placeholder={t('users.rolesPlaceholder')}
            data-testid="user-form-roles"
          />
        </Form.Item>
        {editing ? (
          <Form.Item name="status" label={t('users.status')}>
            <Select
              data-testid="user-form-status"
              options={[
                { value: 'active', label: t('common.active') },
                { value: 'disabled', label: t('common.inactive') },
              ]}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
