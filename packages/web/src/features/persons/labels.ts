/** Display of registry codes with the domain vocabulary of core (facts.ts, hardship.ts). */
import { FACT_LABELS, FACT_SOURCES, HARDSHIP_TAGS, LIFE_EVENT_LABELS, VALUE_LABELS } from '@yiyang/core';

export const tagLabel = (tag: string) => (HARDSHIP_TAGS as Record<string, string>)[tag] ?? tag;
export const factLabel = (fact: string) => (FACT_LABELS as Record<string, string>)[fact] ?? fact;
export const sourceLabel = (s: string | null) => (s ? ((FACT_SOURCES as Record<string, string>)[s] ?? s) : '');
export const eventLabel = (e: string) => (LIFE_EVENT_LABELS as Record<string, string>)[e] ?? e;

export function valueLabel(fact: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const m = VALUE_LABELS[fact];
  if (m && String(v) in m) return m[String(v)]!;
  if (fact === 'disability_level') return `${'一二三四'[Number(v) - 1] ?? v}级`;
  return String(v);
}

export const options = (fact: string) => Object.entries(VALUE_LABELS[fact] ?? {}).map(([value, label]) => ({ value, label }));
