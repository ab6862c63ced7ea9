/**
 * Bank roster and 公示 cells. Spreadsheet cells that start with = + - @, tab or CR are prefixed
 * with ' (OWASP formula injection, A.4); the 公示版 is de-identified ([GOV2018], target 21).
 */
export function safeCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** 张三 → 张*, 欧阳修远 → 欧**远, 王五一 → 王*一. */
export function publicName(name: string): string {
  const cs = [...name.trim()];
  if (cs.length <= 1) return '*';
  if (cs.length === 2) return `${cs[0]}*`;
  return `${cs[0]}${'*'.repeat(cs.length - 2)}${cs[cs.length - 1]}`;
}
