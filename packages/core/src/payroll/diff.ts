/**
 * Review diff of a cycle against the previous month (审核：与上月比较): who is new, who stopped,
 * whose amount changed, with the reason for each.
 */
export interface DiffLine {
  person_id: string;
  amount_fen: number;
}
export interface DiffEntry {
  person_id: string;
  change: 'new' | 'stopped' | 'changed';
  before_fen: number | null;
  after_fen: number | null;
  reason: string;
}

export function cycleDiff(previous: readonly DiffLine[], current: readonly DiffLine[], reasons: ReadonlyMap<string, string> = new Map()): DiffEntry[] {
  const before = new Map<string, number>();
  for (const l of previous) before.set(l.person_id, (before.get(l.person_id) ?? 0) + l.amount_fen);
  const after = new Map<string, number>();
  for (const l of current) after.set(l.person_id, (after.get(l.person_id) ?? 0) + l.amount_fen);
  const out: DiffEntry[] = [];
  for (const [p, a] of after) {
    const b = before.get(p);
    if (b === undefined) out.push({ person_id: p, change: 'new', before_fen: null, after_fen: a, reason: reasons.get(p) ?? '新增享受对象' });
    else if (b !== a) out.push({ person_id: p, change: 'changed', before_fen: b, after_fen: a, reason: reasons.get(p) ?? (a > b ? '标准提高或含补发' : '标准降低') });
  }
  for (const [p, b] of before) {
    if (!after.has(p)) out.push({ person_id: p, change: 'stopped', before_fen: b, after_fen: null, reason: reasons.get(p) ?? '停发' });
  }
  const order = { new: 0, changed: 1, stopped: 2 } as const;
  return out.sort((x, y) => order[x.change] - order[y.change] || (x.person_id < y.person_id ? -1 : x.person_id > y.person_id ? 1 : 0));
}
