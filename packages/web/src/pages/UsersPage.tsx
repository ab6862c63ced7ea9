import { UserAddOutlined } from '@ant-design/icons';
import type { User } from '@yiyang/core';
import { Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { RegionTreePicker } from '@/features/regions/components/RegionTreePicker';
import { useRoles } from '@/features/roles/api';
import { useUsers } from '@/features/users/api';
import { InitialPasswordModal } from '@/features/users/components/InitialPasswordModal';
import { UserFormModal } from '@/features/users/components/UserFormModal';
import { UserTable } from '@/features/users/components/UserTable';
import { t } from '@/i18n/t';
import { showSuccess } from '@/ui/feedback';
import { PageContainer } from '@/ui/PageContainer';
import { SidePanelLayout } from '@/ui/SidePanelLayout';
import { LAYOUT } from '@/ui/theme';

export function UsersPage() {
  const { can } = useSession();
  const [region, setRegion] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<User | undefined>();
  const [formOpen, setFormOpen] = useState(false);
  const [password, setPassword] = useState<{ displayName: string; username: string; password: string } | null>(null);
  const users = useUsers({ region, q: q || undefined, role, status, page, page_size: pageSize });
  const roles = useRoles(can('roles:read'));
  const canEdit = can('users:write');

  return (
    <PageContainer
      title={t('users.title')}
      description={t('users.description')}
      testId="users-page"
      extra={
        canEdit ? (
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            data-testid="user-create"
            onClick={() => {
              setEditing(undefined);
              setFormOpen(true);
            }}
          >
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <SidePanelLayout
        sideTitle={t('regions.title')}
        side={
          <RegionTreePicker
            value={region}
            onChange={(code) => {
              setRegion(code);
              setPage(1);
            }}
          />
        }
      >
        <Flex vertical gap="middle">
          <Flex gap="small" wrap>
            <Input.Search
              allowClear
              placeholder={t('users.searchPlaceholder')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
              style={{ width: LAYOUT.filterControlWidth }}
              data-testid="user-search"
            />
            {roles.data ? (
              <Select<string>
                allowClear
                placeholder={t('users.allRoles')}
                value={role}
                onChange={(v) => {
                  setRole(v);
                  setPage(1);
                }}
                options={roles.data.map((r) => ({ value: r.code, label: r.name }))}
                style={{ width: LAYOUT.filterControlWidth }}
                data-testid="user-role-filter"
              />
            ) : null}
            <Select<'active' | 'disabled'>
              allowClear
              placeholder={t('users.allStatus')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={[
                { value: 'active', label: t('common.active') },
                { value: 'disabled', label: t('common.inactive') },
              ]}
              style={{ width: LAYOUT.filterControlWidth }}
              data-testid="user-status-filter"
            />
          </Flex>
          <UserTable
            items={users.data?.items ?? []}
            total={users.data?.total ?? 0}
            page={page}
            pageSize={pageSize}
            loading={users.isFetching}
            canEdit={canEdit}
            onPageChange={(p, s) => {
              setPage(p);
              setPageSize(s);
            }}
            onEdit={(u) => {
              setEditing(u);
              setFormOpen(true);
            }}
            onPasswordReset={(u, pw) => setPassword({ displayName: u.display_name, username: u.username, password: pw })}
          />
        </Flex>
      </SidePanelLayout>
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
    </PageContainer>
  );
}
