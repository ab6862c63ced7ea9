/**
 * A readable diff between two versions of a pack: items added / removed / changed (conditions,
 * amounts, every other field), parameters and settings. Texts are Chinese for the version page.
 */
import type { CatalogueDiff, PackItem, PolicyPack } from '@yiyang/core';

const ITEM_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  target_group: '服务对象',
  service_types: '服务类型',
  content: '服务内容',
  departments: '责任单位',
  eligibility: '享受条件',
  benefit: '待遇标准',
  not_with: '不重复享受',
  start_rule: '起始规则',
  requires_application: '是否需申请',
  citation: '政策出处',
  replaces: '承接上级事项',
  note: '说明',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function itemChanges(a: PackItem, b: PackItem): Array<{ field: string; before: unknown; after: unknown }> {
  const out: Array<{ field: string; before: unknown; after: unknown }> = [];
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const f of fields) {
    const before = (a as unknown as Record<string, unknown>)[f];
    const after = (b as unknown as Record<string, unknown>)[f];
    if (!same(before, after)) out.push({ field: f, before: before ?? null, after: after ?? null });
  }
  return out;
}

export function describePackDiff(a: PolicyPack, b: PolicyPack, fromId: string, toId: string): CatalogueDiff {
  const aItems = new Map((a.items ?? []).map((i) => [i.code, i]));
  const bItems = new Map((b.items ?? []).map((i) => [i.code, i]));
  const added = [...bItems.values()].filter((i) => !aItems.has(i.code)).map((i) => ({ code: i.code, name: i.name }));
  const removed = [...aItems.values()].filter((i) => !bItems.has(i.code)).map((i) => ({ code: i.code, name: i.name }));
  const changed = [...bItems.values()]
    .filter((i) => aItems.has(i.code))
    .map((i) => ({ code: i.code, name: i.name, changes: itemChanges(aItems.get(i.code)!, i) }))
    .filter((c) => c.changes.length > 0);

  const parameters: CatalogueDiff['parameters'] = [];
  const names = new Set([...Object.keys(a.parameters ?? {}), ...Object.keys(b.parameters ?? {})]);
  for (const n of [...names].sort()) {
    const pa = a.parameters?.[n];
    const pb = b.parameters?.[n];
    if (!pa) parameters.push({ name: n, label: pb!.label, change: 'added', before: null, after: pb!.values });
    else if (!pb) parameters.push({ name: n, label: pa.label, change: 'removed', before: pa.values, after: null });
    else if (!same(pa, pb)) parameters.push({ name: n, label: pb.label, change: 'changed', before: pa.values, after: pb.values });
  }

  const settings: CatalogueDiff['settings'] = [];
  for (const k of ['definitions', 'care_tiers', 'visit_policy', 'reassessment'] as const) {
    if (!same(a.settings?.[k], b.settings?.[k])) settings.push({ field: `settings.${k}`, before: a.settings?.[k] ?? null, after: b.settings?.[k] ?? null });
  }
  for (const k of ['name', 'extends', 'document', 'targets'] as const) {
    if (!same(a[k], b[k])) settings.push({ field: k, before: a[k] ?? null, after: b[k] ?? null });
  }

  const parts: string[] = [];
  if (added.length) parts.push(`新增事项 ${added.map((i) => `${i.code} ${i.name}`).join('、')}`);
  if (removed.length) parts.push(`删除事项 ${removed.map((i) => `${i.code} ${i.name}`).join('、')}`);
  for (const c of changed) parts.push(`修改 ${c.code} ${c.name}（${c.changes.map((x) => ITEM_FIELD_LABELS[x.field] ?? x.field).join('、')}）`);
  if (parameters.length) parts.push(`参数变化 ${parameters.map((p) => p.label).join('、')}`);
  if (settings.length) parts.push(`设置变化 ${settings.map((s) => s.field).join('、')}`);
  return { from: fromId, to: toId, added, removed, changed, parameters, settings, summary: parts.length ? parts.join('；') : '两个版本内容相同' };
}

export { ITEM_FIELD_LABELS };
