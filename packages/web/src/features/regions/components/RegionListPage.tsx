import { Button, Flex, Input } from 'antd';
import { useState, type ReactNode } from 'react';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';
import { SidePanelLayout } from '@/ui/SidePanelLayout';
import { LAYOUT } from '@/ui/theme';
import { RegionTreePicker } from './RegionTreePicker';

/** Paging, region and search state of a list page; changing a filter goes back to page 1. */
export function useRegionListState() {
  const [region, setRegionState] = useState<string | undefined>();
  const [q, setQState] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  return {
    region,
    q,
    page,
    pageSize,
    setRegion(code: string | undefined) {
      setRegionState(code);
      setPage(1);
    },
    setQ(v: string) {
      setQState(v.trim());
      setPage(1);
    },
    /** Wrap any other filter setter so it also returns to page 1. */
    resetting<T>(set: (v: T) => void) {
      return (v: T) => {
        set(v);
        setPage(1);
      };
    },
    onPageChange(p: number, s: number) {
      setPage(p);
      setPageSize(s);
    },
  };
}
export type RegionListState = ReturnType<typeof useRegionListState>;

export interface RegionListPageProps {
  title: string;
  description: string;
  testId: string;
  state: RegionListState;
  createAction?: { label: string; icon: ReactNode; testId: string; onClick: () => void } | null;
  searchPlaceholder: string;
  searchTestId: string;
  /** Extra filter controls after the search box. */
  filters?: ReactNode;
  /** The table. */
  children: ReactNode;
  /** Modals and drawers of the page. */
  overlays?: ReactNode;
}

/** A list page with the region tree at the left, a search box and filters above the table. */
export function RegionListPage({ title, description, testId, state, createAction, searchPlaceholder, searchTestId, filters, children, overlays }: RegionListPageProps) {
  return (
    <PageContainer
      title={title}
      description={description}
      testId={testId}
      extra={
        createAction ? (
          <Button type="primary" icon={createAction.icon} data-testid={createAction.testId} onClick={createAction.onClick}>
            {createAction.label}
          </Button>
        ) : null
      }
    >
      <SidePanelLayout sideTitle={t('regions.title')} side={<RegionTreePicker value={state.region} onChange={(code) => state.setRegion(code)} />}>
        <Flex vertical gap="middle">
          <Flex gap="small" wrap>
            <Input.Search
              allowClear
              placeholder={searchPlaceholder}
              onSearch={(v) => state.setQ(v)}
              style={{ width: LAYOUT.filterControlWidth }}
              data-testid={searchTestId}
            />
            {filters}
          </Flex>
          {children}
        </Flex>
      </SidePanelLayout>
      {overlays}
    </PageContainer>
  );
}
