/**
 * Canonical masks, one per field (security target 6). The ID mask keeps the first 6 and last 4
 * characters (issue #3: `330781********123X`).
 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (id == null) return null;
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** 138****1234 for mobiles; landlines keep their last 4. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone == null) return null;
  const p = phone.trim();
  if (/^1\d{10}$/.test(p)) return p.slice(0, 3) + '****' + p.slice(7);
  if (p.length <= 4) return '*'.repeat(p.length);
  return '*'.repeat(p.length - 4) + p.slice(-4);
}

/** 张*明 / 欧阳** : the first character stays for 公示 rosters (de-identified publication). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/**
 * Birth date for roles without `pii:reveal`: the year only ("1941-**-**"). The ID mask keeps the
 * first 6 and last 4 characters, and digits 7–14 of an ID number ARE the birth date, so showing the
 * full date next to the masked number would give the whole number away (security target 6).
 */
export function maskBirthDate(date: string | null | undefined): string | null {
  if (date == null) return null;
  return `${date.slice(0, 4)}-**-**`;
}

/** Bank / 一卡通 account: last 4 only. */
export function maskAccount(account: string | null | undefined): string | null {
  if (account == null) return null;
  const a = account.replace(/\s+/g, '');
  return a.length <= 4 ? '*'.repeat(a.length) : '*'.repeat(a.length - 4) + a.slice(-4);
}
