import { PlusOutlined } from '@ant-design/icons';
import { ORG_TYPE_LABELS, OrgType, type Organisation } from '@yiyang/core';
import { Select } from 'antd';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useOrgs } from '@/features/orgs/api';
import { OrgFormModal } from '@/features/orgs/components/OrgFormModal';
import { OrgTable } from '@/features/orgs/components/OrgTable';
import { RegionListPage, useRegionListState } from '@/features/regions/components/RegionListPage';
import { t } from '@/i18n/t';
import { LAYOUT } from '@/ui/theme';

export function OrgsPage() {
  const { can } = useSession();
  const list = useRegionListState();
  const [type, setType] = useState<OrgType | undefined>();
  const [editing, setEditing] = useState<Organisation | undefined>();
  const [modalOpen, setModalOpen] = useState(false);
  const orgs = useOrgs({ region: list.region, type, q: list.q || undefined, page: list.page, page_size: list.pageSize });
  const canEdit = can('orgs:write');

  return (
    <RegionListPage
      title={t('orgs.title')}
      description={t('orgs.description')}
      testId="orgs-page"
      state={list}
      createAction={
        canEdit
          ? {
              label: t('orgs.create'),
              icon: <PlusOutlined />,
              testId: 'org-create',
              onClick: () => {
                setEditing(undefined);
                setModalOpen(true);
              },
            }
          : null
      }
      searchPlaceholder={t('orgs.searchPlaceholder')}
      searchTestId="org-search"
      filters={
        <Select<OrgType>
          allowClear
          placeholder={t('orgs.allTypes')}
          value={type}
          onChange={list.resetting(setType)}
          options={OrgType.options.map((o) => ({ value: o, label: ORG_TYPE_LABELS[o] }))}
          style={{ width: LAYOUT.filterControlWidth }}
          data-testid="org-type-filter"
        />
      }
      overlays={<OrgFormModal open={modalOpen} org={editing} defaultRegion={list.region} onClose={() => setModalOpen(false)} />}
    >
      <OrgTable
        items={orgs.data?.items ?? []}
        total={orgs.data?.total ?? 0}
        page={list.page}
        pageSize={list.pageSize}
        loading={orgs.isFetching}
        canEdit={canEdit}
        onPageChange={list.onPageChange}
        onEdit={(o) => {
          setEditing(o);
          setModalOpen(true);
        }}
      />
    </RegionListPage>
  );
}
