import { PlusOutlined } from '@ant-design/icons';
import { ROOT_REGION_CODE, type Role } from '@yiyang/core';
import { Alert, App, Button, Card, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useRoles, useUpdateRole } from '@/features/roles/api';
import { RoleFormModal } from '@/features/roles/components/RoleFormModal';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';

export function RolesPage() {
  const { can, me } = useSession();
  const { modal } = App.useApp();
  const roles = useRoles();
  const update = useUpdateRole();
  const [editing, setEditing] = useState<Role | undefined>();
  const [open, setOpen] = useState(false);
  // Roles are shared by every region: the server lets only a root-scope administrator change them.
  const canEdit = can('roles:write') && me.org.region_code === ROOT_REGION_CODE;

  function handleRequireMfa(role: Role, on: boolean) {
    modal.confirm({
      title: t('roles.requireMfa'),
      content: t('roles.requireMfaHint'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await update.mutateAsync({ code: role.code, body: { require_mfa: on, version: role.version } });
          showSuccess(t('common.saved'));
        } catch {
          // shown by the global error handler
        }
      },
    });
  }

  const columns: ColumnsType<Role> = [
    {
      title: t('roles.name'),
      dataIndex: 'name',
      key: 'name',
      render: (v: string, r) => (
        <span>
          <Typography.Text strong>{v}</Typography.Text> {r.is_system ? <Tag color="blue">{t('roles.system')}</Tag> : <Tag>{t('roles.custom')}</Tag>}
        </span>
      ),
    },
    { title: t('roles.code'), dataIndex: 'code', key: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('roles.descriptionLabel'), dataIndex: 'description', key: 'description' },
    {
      title: t('roles.requireMfa'),
      key: 'mfa',
      render: (_: unknown, r) => (
        <Switch
          checked={r.require_mfa}
          disabled={!canEdit}
          loading={update.isPending && update.variables?.code === r.code}
          onChange={(on) => handleRequireMfa(r, on)}
          data-testid={`role-mfa-${r.code}`}
          aria-label={`${r.name} ${t('roles.requireMfa')}`}
        />
      ),
    },
    { title: t('roles.permissionCount'), key: 'count', render: (_: unknown, r) => r.permissions.length },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setEditing(r);
            setOpen(true);
          }}
          data-testid={`role-edit-${r.code}`}
        >
          {canEdit ? t('roles.editPermissions') : t('roles.viewPermissions')}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('roles.title')}
      description={t('roles.description')}
      testId="roles-page"
      extra={
        canEdit ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(undefined);
              setOpen(true);
            }}
            data-testid="role-create"
          >
            {t('roles.create')}
          </Button>
        ) : null
      }
    >
      {!canEdit && can('roles:write') ? <Alert type="info" showIcon title={t('roles.readOnlyHint')} /> : null}
      <Card>
        <Table<Role>
          data-testid="role-table"
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <RoleFormModal open={open} role={editing} readOnly={!canEdit} onClose={() => setOpen(false)} />
    </PageContainer>
  );
}
