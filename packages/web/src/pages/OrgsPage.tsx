import { PlusOutlined } from '@ant-design/icons';
import { ORG_TYPE_LABELS, OrgType, type Organisation } from '@yiyang/core';
import { Button, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useSession } from '@/features/auth/session';
import { useOrgs } from '@/features/orgs/api';
import { OrgFormModal } from '@/features/orgs/components/OrgFormModal';
import { OrgTable } from '@/features/orgs/components/OrgTable';
import { RegionTreePicker } from '@/features/regions/components/RegionTreePicker';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';
import { SidePanelLayout } from '@/ui/SidePanelLayout';
import { LAYOUT } from '@/ui/theme';

export function OrgsPage() {
  const { can } = useSession();
  const [region, setRegion] = useState<string | undefined>();
  const [type, setType] = useState<OrgType | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Organisation | undefined>();
  const [modalOpen, setModalOpen] = useState(false);
  const orgs = useOrgs({ region, type, q: q || undefined, page, page_size: pageSize });
  const canEdit = can('orgs:write');

  return (
    <PageContainer
      title={t('orgs.title')}
      description={t('orgs.description')}
      testId="orgs-page"
      extra={
        canEdit ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="org-create"
            onClick={() => {
              setEditing(undefined);
              setModalOpen(true);
            }}
          >
            {t('orgs.create')}
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
              placeholder={t('orgs.searchPlaceholder')}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
              style={{ width: LAYOUT.filterControlWidth }}
              data-testid="org-search"
            />
            <Select<OrgType>
              allowClear
              placeholder={t('orgs.allTypes')}
              value={type}
              onChange={(v) => {
                setType(v);
                setPage(1);
              }}
              options={OrgType.options.map((o) => ({ value: o, label: ORG_TYPE_LABELS[o] }))}
              style={{ width: LAYOUT.filterControlWidth }}
              data-testid="org-type-filter"
            />
          </Flex>
          <OrgTable
            items={orgs.data?.items ?? []}
            total={orgs.data?.total ?? 0}
            page={page}
            pageSize={pageSize}
            loading={orgs.isFetching}
            canEdit={canEdit}
            onPageChange={(p, s) => {
              setPage(p);
              setPageSize(s);
            }}
            onEdit={(o) => {
              setEditing(o);
              setModalOpen(true);
            }}
          />
        </Flex>
      </SidePanelLayout>
      <OrgFormModal open={modalOpen} org={editing} defaultRegion={region} onClose={() => setModalOpen(false)} />
    </PageContainer>
  );
}
