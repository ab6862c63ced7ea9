/**
 * Example item scores for tests, demo data and documentation: every item at its maximum, or a
 * form with an exact total (items lowered from the end of the form).
 */
import { ASSESSMENT_ITEMS } from './items';

export function maxItemScores(overrides: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.code, i.options[0]!.points])), ...overrides };
}

export function itemScoresWithTotal(total: number): Record<string, number> {
  if (!Number.isInteger(total) || total < 0 || total > 90) throw new RangeError(`total out of range: ${total}`);
  const items = maxItemScores();
  let excess = 90 - total;
  for (const it of [...ASSESSMENT_ITEMS].reverse()) {
    if (excess === 0) break;
    const cut = Math.min(excess, items[it.code]!);
    items[it.code] = items[it.code]! - cut;
    excess -= cut;
  }
  return items;
}
