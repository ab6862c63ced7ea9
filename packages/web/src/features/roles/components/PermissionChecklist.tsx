/** Permissions grouped by their prefix (`users:read` → 用户), a check box per permission and per group. */
import { Checkbox, Flex, Tag, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { lookup, t } from '@/i18n/t';
import type { PermissionInfo } from '../api';

export interface PermissionChecklistProps {
  catalog: PermissionInfo[];
  value?: string[];
  onChange?: (codes: string[]) => void;
  /** Permissions that cannot be granted by this user (shown disabled). */
  disabledCodes?: ReadonlySet<string>;
  disabled?: boolean;
  /** Show the granted permissions as a list instead of check boxes. */
  readOnly?: boolean;
}

function ReadOnlyPermissions({ groups, selected }: { groups: ReturnType<typeof groupPermissions>; selected: Set<string> }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical gap="small" data-testid="permission-list">
      {groups.map(({ group, items }) => {
        const granted = items.filter((p) => selected.has(p.code));
        return (
          <Flex key={group} gap="middle" align="baseline" style={{ paddingBlock: token.paddingXXS }}>
            <Typography.Text strong style={{ minWidth: token.controlHeight * 3 }}>
              {lookup('permissionGroups', group) ?? group}
            </Typography.Text>
            {granted.length ? (
              <Flex wrap gap="small">
                {granted.map((p) => (
                  <Tag key={p.code} color="blue">
                    {p.name}
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('roles.noPermissions')}</Typography.Text>
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

export function groupPermissions(catalog: PermissionInfo[]): Array<{ group: string; items: PermissionInfo[] }> {
  const groups = new Map<string, PermissionInfo[]>();
  for (const p of catalog) {
    const g = p.code.split(':')[0] ?? p.code;
    const list = groups.get(g) ?? [];
    list.push(p);
    groups.set(g, list);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

export function PermissionChecklist({ catalog, value = [], onChange, disabledCodes, disabled, readOnly }: PermissionChecklistProps) {
  const { token } = theme.useToken();
  const groups = useMemo(() => groupPermissions(catalog), [catalog]);
  const selected = new Set(value);
  if (readOnly) return <ReadOnlyPermissions groups={groups} selected={selected} />;

  function setGroup(items: PermissionInfo[], on: boolean) {
    const next = new Set(selected);
    for (const p of items) {
      if (disabledCodes?.has(p.code)) continue;
      if (on) next.add(p.code);
      else next.delete(p.code);
    }
    onChange?.(catalog.map((p) => p.code).filter((c) => next.has(c)));
  }

  function toggle(code: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(code);
    else next.delete(code);
    onChange?.(catalog.map((p) => p.code).filter((c) => next.has(c)));
  }

  return (
    <Flex vertical gap="small" data-testid="permission-checklist">
      {groups.map(({ group, items }) => {
        const count = items.filter((p) => selected.has(p.code)).length;
        return (
          <Flex
            key={group}
            gap="middle"
            align="flex-start"
            style={{ paddingBlock: token.paddingXS, borderBottom: `${token.lineWidth}px ${token.lineType} ${token.colorSplit}` }}
            data-testid={`permission-group-${group}`}
          >
            <Checkbox
              style={{ minWidth: token.controlHeight * 3.5 }}
              checked={count === items.length}
              indeterminate={count > 0 && count < items.length}
              disabled={disabled}
              onChange={(e) => setGroup(items, e.target.checked)}
            >
              <Typography.Text strong>{lookup('permissionGroups', group) ?? group}</Typography.Text>
            </Checkbox>
            <Flex wrap gap="small">
              {items.map((p) => (
                <Checkbox
                  key={p.code}
                  checked={selected.has(p.code)}
                  disabled={disabled || disabledCodes?.has(p.code)}
                  onChange={(e) => toggle(p.code, e.target.checked)}
                  data-testid={`permission-${p.code.replace(':', '-')}`}
                >
                  {p.name}
                </Checkbox>
              ))}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}
