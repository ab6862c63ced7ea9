import { CloudUploadOutlined } from '@ant-design/icons';
import { HARDSHIP_TAG_CODES } from '@yiyang/core';
import { Card, Flex, InputNumber, Select, Statistic } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSession } from '@/features/auth/session';
import { usePersons, useTagCounts, type PersonFilters } from '@/features/persons/api';
import { PersonTable } from '@/features/persons/components/PersonTable';
import { options, tagLabel } from '@/features/persons/labels';
import { RegionListPage, useRegionListState } from '@/features/regions/components/RegionListPage';
import { t } from '@/i18n/t';
import { LAYOUT } from '@/ui/theme';

type Extra = Omit<PersonFilters, 'q' | 'region' | 'page' | 'page_size'>;

export function PersonsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const state = useRegionListState();
  const [f, setF] = useState<Extra>({});
  const set = state.resetting((patch: Extra) => setF((x) => ({ ...x, ...patch })));
  const persons = usePersons({ ...f, q: state.q || undefined, region: state.region, page: state.page, page_size: state.pageSize });
  const counts = useTagCounts(state.region);
  const w = LAYOUT.filterControlWidth;
  return (
    <RegionListPage
      title={t('persons.title')}
      description={t('persons.description')}
      testId="persons-page"
      state={state}
      createAction={can('persons:import') ? { label: t('menu.personImport'), icon: <CloudUploadOutlined />, testId: 'persons-import-link', onClick: () => navigate('/persons-import') } : null}
      searchPlaceholder={t('persons.searchPlaceholder')}
      searchTestId="person-search"
      filters={
        <>
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
        </>
      }
    >
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
      <PersonTable
        items={persons.data?.items ?? []}
        total={persons.data?.total ?? 0}
        exact={persons.data?.total_exact ?? true}
        page={state.page}
        pageSize={state.pageSize}
        loading={persons.isFetching}
        onPageChange={state.onPageChange}
      />
    </RegionListPage>
  );
}
