/**
 * Region filter panel: a lazily loaded tree of the user's region scope plus a name search. Selecting a
 * node calls `onChange(code)`; selecting it again (or 清除) calls `onChange(undefined)`.
 */
import { EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import type { Region } from '@yiyang/core';
import { Alert, Button, Empty, Flex, Select, Spin, Tree, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { t } from '@/i18n/t';
import { errorText } from '@/ui/feedback';
import { LAYOUT } from '@/ui/theme';
import { useRegion, useRegionSearch } from '../api';
import { useLazyRegionTree, type RegionTreeNode } from '../useLazyRegionTree';

export interface RegionTreePickerProps {
  value?: string | undefined;
  onChange?: (code: string | undefined, region?: Region) => void;
  testId?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function RegionTreePicker({ value, onChange, testId = 'region-tree' }: RegionTreePickerProps) {
  const { token } = theme.useToken();
  const tree = useLazyRegionTree({ expandSingleRoot: true });
  const [term, setTerm] = useState('');
  const debounced = useDebounced(term, 300);
  const search = useRegionSearch(debounced);
  const selected = useRegion(value);

  const pathText = selected.data ? selected.data.path.map((p) => p.name).join(' / ') : (value ?? '');

  return (
    <Flex vertical gap="small" data-testid={testId}>
      <Select<string>
        showSearch={{ filterOption: false, onSearch: setTerm }}
        allowClear
        value={null}
        placeholder={
          <span>
            <SearchOutlined /> {t('regions.searchPlaceholder')}
          </span>
        }
        notFoundContent={search.isFetching ? <Spin size="small" /> : null}
        onChange={(code) => {
          if (!code) return;
          const r = search.data?.find((x) => x.code === code);
          setTerm('');
          onChange?.(code, r);
        }}
        options={(search.data ?? []).map((r) => ({
          value: r.code,
          label: `${r.name}（${t(`regions.level.${r.level}`)}，${r.code}）`,
        }))}
        data-testid={`${testId}-search`}
      />
      <Flex align="center" gap="small" wrap data-testid={`${testId}-current`}>
        <Typography.Text type="secondary">{t('regions.current')}</Typography.Text>
        {value ? (
          <>
            <Typography.Text strong>{pathText}</Typography.Text>
            <Button size="small" type="link" onClick={() => onChange?.(undefined)} data-testid={`${testId}-clear`}>
              {t('regions.clear')}
            </Button>
          </>
        ) : (
          <Typography.Text>{t('regions.allInScope')}</Typography.Text>
        )}
      </Flex>
      {tree.error ? <Alert type="error" showIcon title={errorText(tree.error)} /> : null}
      {tree.isLoading ? (
        <Spin />
      ) : tree.treeData.length === 0 && !tree.error ? (
        <Empty description={t('regions.empty')} />
      ) : (
        <Tree<RegionTreeNode>
          blockNode
          showIcon={false}
          height={LAYOUT.regionTreeHeight}
          treeData={tree.treeData}
          expandedKeys={tree.expandedKeys}
          onExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
          loadData={(node) => tree.loadData(String(node.key))}
          selectedKeys={value ? [value] : []}
          onSelect={(_keys, info) => {
            if (info.selected) onChange?.(info.node.region.code, info.node.region);
            else onChange?.(undefined);
          }}
          titleRender={(node) => (
            <span
              data-testid={`region-node-${node.region.code}`}
              data-depth={node.depth}
              data-level={node.region.level}
              title={`${node.region.name}（${node.region.code}）`}
            >
              {node.depth === 0 ? <EnvironmentOutlined style={{ marginInlineEnd: token.marginXXS }} /> : null}
              {node.region.name}
            </span>
          )}
        />
      )}
    </Flex>
  );
}
