/**
 * Readable explanations of the engine's answer for one item (the person's entitlements tab and
 * work-list entries attach these): eligible or not, the condition, the fact values it read, the
 * amount and the clause it comes from.
 */
import { formatFen } from '../lib/money';
import type { GuardReason, ItemExplanation } from './engine';

export const GUARD_LABELS: Record<GuardReason, string> = {
  not_alive: '已死亡，不享受老年人服务项目',
  age_unknown: '出生日期不明，无法确定是否年满60周岁',
  under_60: '未满60周岁，不属于老年人服务项目对象',
};

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '空';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One Chinese sentence, e.g. "LX-07 高龄津贴：符合（age=85；d.lanxi_hukou=是），每月60.00元，依据 002 附件 第7项". */
export function explanationText(e: ItemExplanation): string {
  const facts = Object.entries(e.facts).map(([k, v]) => `${k}=${valueText(v)}`).join('；');
  let verdict: string;
  if (e.guard) verdict = `不符合（${GUARD_LABELS[e.guard]}）`;
  else if (e.error) verdict = `无法判断（${e.error}）`;
  else if (e.excluded_by) verdict = `条件符合，但与 ${e.excluded_by} 不重复享受`;
  else verdict = e.eligible ? '符合' : '不符合';
  let amount = '';
  if (e.eligible && e.monthly_cash_fen !== null) amount = `，每月${formatFen(e.monthly_cash_fen)}元`;
  if (e.eligible && e.blocked_parameters.length) amount = `，金额待定（参数未设定或已过期：${e.blocked_parameters.join('、')}），暂停发放`;
  return `${e.code} ${e.name}：${verdict}${facts ? `（${facts}）` : ''}${amount}，依据 ${e.citation}`;
}
