import { CloudUploadOutlined } from '@ant-design/icons';
import { HARDSHIP_TAG_CODES } from '@yiyang/core';
import { Button, Card, Flex, Input, InputNumber, Select, Statistic } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { usePersons, useTagCounts, type PersonFilters } from '@/features/persons/api';
import { PersonTable } from '@/features/persons/components/PersonTable';
import { options, tagLabel } from '@/features/persons/labels';
import { RegionTreePicker } from '@/features/regions/components/RegionTreePicker';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';
import { SidePanelLayout } from '@/ui/SidePanelLayout';
import { LAYOUT } from '@/ui/theme';

export function PersonsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const [f, setF] = useState<PersonFilters>({ page: 1, page_size: 20 });
  const set = (patch: Partial<PersonFilters>) => setF((x) => ({ ...x, ...patch, page: 1 }));
  const persons = usePersons(f);
  const counts = useTagCounts(f.region);
  const w = LAYOUT.filterControlWidth;
  return (
    <PageContainer
      title={t('persons.title')}
      description={t('persons.description')}
      testId="persons-page"
      extra={can('persons:import') ? <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/persons-import')} data-testid="persons-import-link">{t('menu.personImport')}</Button> : null}
    >
      <SidePanelLayout sideTitle={t('regions.title')} side={<RegionTreePicker value={f.region} onChange={(region) => set({ region })} />}>
        <Flex vertical gap="middle">
          {counts.data ? (
            <Card size="small" title={t('persons.countsTitle')} data-testid="persons-counts">
              <Flex gap="large" wrap>
                <Statistic title={t('persons.total')} value={counts.data.totals.total} />
                {HARDSHIP_TAG_CODES.map((tag) => (
                  <a key={tag} onClick={() => set({ tag })}>
                    <Statistic title={tagLabel(tag)} value={counts.data.totals.tags[tag] ?? 0} />
                  </a>
                ))}
              </Flex>
            </Card>
          ) : null}
          <Flex gap="small" wrap>
            <Input.Search allowClear placeholder={t('persons.searchPlaceholder')} onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 260 }} data-testid="person-search" />
            <Select allowClear placeholder={t('persons.sex')} style={{ width: 100 }} value={f.sex} onChange={(sex) => set({ sex })} options={[{ value: 'male', label: t('persons.male') }, { value: 'female', label: t('persons.female') }]} />
            <InputNumber min={0} max={150} placeholder={t('persons.ageMin')} value={f.age_min} onChange={(v) => set({ age_min: v ?? undefined })} data-testid="person-age-min" />
            <InputNumber min={0} max={150} placeholder={t('persons.ageMax')} value={f.age_max} onChange={(v) => set({ age_max: v ?? undefined })} />
            <Select allowClear placeholder={t('persons.tags')} style={{ width: w }} value={f.tag} onChange={(tag) => set({ tag })} options={HARDSHIP_TAG_CODES.map((x) => ({ value: x, label: tagLabel(x) }))} data-testid="person-tag-filter" />
            <Select allowClear placeholder={t('persons.economicStatus')} style={{ width: w }} value={f.economic_status} onChange={(economic_status) => set({ economic_status })} options={options('economic_status')} />
            <Select allowClear placeholder={t('persons.capabilityGrade')} style={{ width: w }} value={f.capability_grade} onChange={(v) => set({ capability_grade: v === undefined ? undefined : Number(v) })} options={options('capability_grade').map((o) => ({ ...o, value: Number(o.value) }))} />
            <Select allowClear placeholder={t('persons.livingArrangement')} style={{ width: w }} value={f.living_arrangement} onChange={(living_arrangement) => set({ living_arrangement })} options={options('living_arrangement')} />
            <Select
              allowClear
              placeholder={t('persons.status')}
              style={{ width: 120 }}
              value={f.status}
              onChange={(status) => set({ status })}
              options={(['active', 'deceased', 'moved_out', 'merged'] as const).map((s) => ({ value: s, label: t(`persons.statuses.${s}`) }))}
            />
          </Flex>
          <PersonTable
            items={persons.data?.items ?? []}
            total={persons.data?.total ?? 0}
            page={f.page}
            pageSize={f.page_size}
            loading={persons.isFetching}
            onPageChange={(page, page_size) => setF((x) => ({ ...x, page, page_size }))}
          />
        </Flex>
      </SidePanelLayout>
    </PageContainer>
  );
}
