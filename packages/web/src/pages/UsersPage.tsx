import { UserAddOutlined } from '@ant-design/icons';
import type { User } from '@yiyang/core';
import { Select } from 'antd';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { RegionListPage, useRegionListState } from '@/features/regions/components/RegionListPage';
import { useRoles } from '@/features/roles/api';
import { useUsers } from '@/features/users/api';
import { InitialPasswordModal } from '@/features/users/components/InitialPasswordModal';
import { UserFormModal } from '@/features/users/components/UserFormModal';
import { UserTable } from '@/features/users/components/UserTable';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { LAYOUT } from '@/ui/theme';

export function UsersPage() {
  const { can } = useSession();
  const list = useRegionListState();
  const [role, setRole] = useState<string | undefined>();
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>();
  const [editing, setEditing] = useState<User | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [password, setPassword] = useState<{ displayName: string; username: string; password: string } | null>(null);
  const users = useUsers({ region: list.region, q: list.q || undefined, role, status, page: list.page, page_size: list.pageSize });
  const roles = useRoles(can('roles:read'));
  const canEdit = can('users:write');

  return (
    <RegionListPage
      title={t('users.title')}
      description={t('users.description')}
      testId="users-page"
      state={list}
      createAction={
        canEdit
          ? {
              label: t('users.create'),
              icon: <UserAddOutlined />,
              testId: 'user-create',
              onClick: () => {
                setEditing(undefined);
                setFormOpen(true);
              },
            }
          : null
      }
      searchPlaceholder={t('users.searchPlaceholder')}
      searchTestId="user-search"
      filters={
        <>
          {roles.data ? (
            <Select<string>
              allowClear
              placeholder={t('users.allRoles')}
              value={role}
              onChange={list.resetting(setRole)}
              options={roles.data.map((r) => ({ value: r.code, label: r.name }))}
              style={{ width: LAYOUT.filterControlWidth }}
              data-testid="user-role-filter"
            />
          ) : null}
          <Select<'active' | 'disabled'>
            allowClear
            placeholder={t('users.allStatus')}
            value={status}
            onChange={list.resetting(setStatus)}
            options={[
              { value: 'active', label: t('common.active') },
              { value: 'disabled', label: t('common.inactive') },
            ]}
            style={{ width: LAYOUT.filterControlWidth }}
            data-testid="user-status-filter"
          />
        </>
      }
      overlays={
        <>
          <UserFormModal
            open={formOpen}
            user={editing}
            onClose={() => setFormOpen(false)}
            onCreated={(u, pw) => {
              if (pw) setPassword({ displayName: u.display_name, username: u.username, password: pw });
              else showSuccess(t('common.created'));
            }}
          />
          <InitialPasswordModal shown={password} onClose={() => setPassword(null)} />
        </>
      }
    >
      <UserTable
        items={users.data?.items ?? []}
        total={users.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        loading={users.isFetching}
        canEdit={canEdit}
        onPageChange={list.onPageChange}
        onEdit={(u) => {
          setEditing(u);
          setFormOpen(true);
        }}
        onPasswordReset={(u, pw) => setPassword({ displayName: u.display_name, username: u.username, password: pw })}
      />
    </RegionListPage>
  );
}
