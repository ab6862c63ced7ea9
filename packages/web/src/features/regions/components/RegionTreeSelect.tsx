/** Form field for one region code, choosing from the user's scope with a lazily loaded tree. */
import { TreeSelect } from 'antd';
import { t } from '@/i18n/t';
import { useLazyRegionTree } from '../useLazyRegionTree';

interface LabeledValue {
  value: string;
  label?: string | undefined;
}

export interface RegionTreeSelectProps {
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** Label to show for a value not loaded in the tree yet (e.g. the region name of a record being edited). */
  fallbackLabel?: string | undefined;
  disabled?: boolean;
  testId?: string;
}

export function RegionTreeSelect({ value, onChange, fallbackLabel, disabled, testId = 'region-tree-select' }: RegionTreeSelectProps) {
  const tree = useLazyRegionTree({ expandSingleRoot: true });
  const known = value ? tree.findRegion(value) : undefined;
  const label = known ? `${known.name}（${known.code}）` : fallbackLabel ? `${fallbackLabel}（${value}）` : value;
  return (
    <TreeSelect<LabeledValue>
      data-testid={testId}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(v) => onChange?.(v?.value)}
      treeData={tree.treeData}
      loadData={(node) => tree.loadData(String(node.value))}
      treeExpandedKeys={tree.expandedKeys}
      onTreeExpand={(keys) => tree.setExpandedKeys(keys.map(String))}
      treeTitleRender={(node) => <span data-testid={`region-option-${String(node.value)}`}>{String(node.title)}</span>}
      placeholder={t('regions.select')}
      allowClear
      disabled={disabled}
      loading={tree.isLoading}
    />
  );
}
