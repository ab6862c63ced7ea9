/** Money is integer fen (分). Never floats. */
export type Fen = number;

export function assertFen(n: number): Fen {
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount in fen must be a safe integer, got ${n}`);
  return n;
}

export function yuanToFen(yuan: number | string): Fen {
  const s = typeof yuan === 'number' ? yuan.toFixed(2) : yuan.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new RangeError(`not a yuan amount: ${yuan}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** 6000 → "60.00" */
export function formatFen(fen: Fen): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
