/**
 * CSV writing for exports opened in Excel: UTF-8 with BOM, CRLF, quoted fields, and the OWASP
 * formula-injection rule (a cell starting with = + - @ TAB CR gets a leading apostrophe).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

export const CSV_BOM = '\uFEFF';
