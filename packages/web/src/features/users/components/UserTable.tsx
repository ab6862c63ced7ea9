import { DownOutlined } from '@ant-design/icons';
import type { User } from '@yiyang/core';
import { App, Button, Dropdown, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { t } from '@/i18n/t';
import { DateTimeText } from '@/ui/DisplayText';
import { showSuccess } from '@/ui/feedback';
import { useResetMfa, useResetPassword, useUnlockUser } from '../api';
import { useRoleNames } from '../useRoleNames';

export interface UserTableProps {
  items: User[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  canEdit: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (user: User) => void;
  onPasswordReset: (user: User, password: string) => void;
}

function isLocked(u: User): boolean {
  return !!u.locked_until && new Date(u.locked_until).getTime() > Date.now();
}

export function UserTable({ items, total, page, pageSize, loading, canEdit, onPageChange, onEdit, onPasswordReset }: UserTableProps) {
  const { modal } = App.useApp();
  const roleName = useRoleNames();
  const resetPassword = useResetPassword();
  const unlock = useUnlockUser();
  const resetMfa = useResetMfa();

  function confirmThen(title: string, content: string, run: () => Promise<void>) {
    modal.confirm({
      title,
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () => run().catch(() => undefined),
    });
  }

  function handleAction(key: string, u: User) {
    if (key === 'reset-password') {
      confirmThen(t('users.resetPassword'), t('users.confirmResetPassword', { name: u.display_name }), async () => {
        const res = await resetPassword.mutateAsync(u.id);
        onPasswordReset(u, res.initial_password);
      });
    } else if (key === 'unlock') {
      confirmThen(t('users.unlock'), t('users.confirmUnlock', { name: u.display_name }), async () => {
        await unlock.mutateAsync(u.id);
        showSuccess(t('users.unlocked'));
      });
    } else if (key === 'reset-mfa') {
      confirmThen(t('users.resetMfa'), t('users.confirmResetMfa', { name: u.display_name }), async () => {
        await resetMfa.mutateAsync(u.id);
        showSuccess(t('users.mfaReset'));
      });
    }
  }

  const columns: ColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('users.displayName'), dataIndex: 'display_name', key: 'display_name' },
    { title: t('users.org'), dataIndex: 'org_name', key: 'org' },
    {
      title: t('users.region'),
      key: 'region',
      render: (_: unknown, u) => <span title={u.region_code}>{u.region_name}</span>,
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (codes: string[], u) => (
        <Space size={[0, 4]} wrap>
          {codes.map((c, i) => (
            <Tag key={c}>{u.role_names[i] ?? roleName(c)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_: unknown, u) => (
        <Space size={[0, 4]} wrap>
          {u.status === 'active' ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
          {isLocked(u) ? <Tag color="error">{t('users.locked')}</Tag> : null}
          {u.must_change_password ? <Tag color="warning">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.mfa'),
      dataIndex: 'mfa_enabled',
      key: 'mfa',
      render: (on: boolean) => (on ? <Tag color="processing">{t('users.mfaOn')}</Tag> : <Typography.Text type="secondary">{t('users.mfaOff')}</Typography.Text>),
    },
    { title: t('users.lastLogin'), dataIndex: 'last_login_at', key: 'last_login', render: (v: string | null) => <DateTimeText iso={v} empty={t('users.never')} /> },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => onEdit(u)} data-testid={`user-edit-${u.username}`}>
            {t('common.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              onClick: ({ key }) => handleAction(key, u),
              items: [
                { key: 'reset-password', label: <span data-testid="user-action-reset-password">{t('users.resetPassword')}</span> },
                { key: 'unlock', label: <span data-testid="user-action-unlock">{t('users.unlock')}</span>, disabled: !isLocked(u) },
                { key: 'reset-mfa', label: <span data-testid="user-action-reset-mfa">{t('users.resetMfa')}</span>, disabled: !u.mfa_enabled },
              ],
            }}
          >
            <Button type="link" size="small" data-testid={`user-more-${u.username}`}>
              {t('common.more')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    });
  }
  return (
    <Table<User>
      data-testid="user-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username, 'data-region': u.region_code }) as React.HTMLAttributes<HTMLElement>}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPageChange,
      }}
    />
  );
}
