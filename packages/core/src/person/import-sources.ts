/**
 * Department data imports (000 三(二)6; 004 二(二)5: 人口、社(医)保、救助、残疾人、退役军人数据):
 * one template per source, the column each fact comes from, and the validation of one row.
 * Browser-safe: the import wizard, the template writer and the server importer share it.
 */
import { isValidDateParts, formatPlainDate, type PlainDate } from '../lib/dates';
import { isRegionCode, countyOf } from '../regions/region-code';
import { parseIdNumber, ID_NUMBER_ERROR_MESSAGES, type IdNumberErrorCode } from './id-number';
import { VALUE_LABELS, type FactName, type FactSource } from './facts';

export type ImportCell = string | number | boolean | Date | null | undefined;

export type ColumnKind = 'name' | 'id_number' | 'phone' | 'region' | 'text' | 'date' | 'enum' | 'bool' | 'level';

export interface ImportColumn {
  header: string;
  key: string;
  kind: ColumnKind;
  required: boolean;
  /** enum columns: Chinese label → stored value (the template's drop-down shows the labels). */
  options?: Record<string, string | null>;
  /** The fact this column records (valid from the source's date column, or the import date). */
  fact?: FactName;
  maxLength?: number;
  width?: number;
  note?: string;
}

export const IMPORT_SOURCE_KEYS = ['population', 'social_assistance', 'disability', 'veterans', 'insurance', 'health', 'death'] as const;
export type ImportSourceKey = (typeof IMPORT_SOURCE_KEYS)[number];

export interface ImportSource {
  key: ImportSourceKey;
  label: string;
  department: FactSource;
  /** Population data creates and updates person records; other sources only add facts to them. */
  createsPersons: boolean;
  /** Column whose date the facts are valid from (else the import date). */
  dateColumn?: string;
  columns: ImportColumn[];
}

const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const YES_NO = { 是: 'true', 否: 'false' } as const;
const LEVELS = { 一级: '1', 二级: '2', 三级: '3', 四级: '4' };

/** The date a department's decision took effect: the facts of the row are valid from it. */
const validFrom = (header: string): ImportColumn => ({ header, key: 'valid_from', kind: 'date', required: true, width: 14 });
const name: ImportColumn = { header: '姓名', key: 'name', kind: 'name', required: true, maxLength: 50, width: 14 };
const idNumber: ImportColumn = { header: '身份证号', key: 'id_number', kind: 'id_number', required: true, width: 22, note: '18位，文本格式' };

export const IMPORT_SOURCES: Record<ImportSourceKey, ImportSource> = {
  population: {
    key: 'population',
    label: '人口基础信息（公安）',
    department: 'public_security',
    createsPersons: true,
    columns: [
      name,
      idNumber,
      { header: '联系电话', key: 'phone', kind: 'phone', required: false, width: 16 },
      { header: '户籍地区划代码', key: 'hukou_region', kind: 'region', required: false, fact: 'hukou_region', width: 18 },
      { header: '居住地区划代码', key: 'residence_region', kind: 'region', required: true, fact: 'residence_region', width: 18 },
      { header: '住址', key: 'address', kind: 'text', required: false, maxLength: 200, width: 40 },
    ],
  },
  social_assistance: {
    key: 'social_assistance',
    label: '社会救助（民政：特困、低保、低保边缘）',
    department: 'civil_affairs',
    createsPersons: false,
    dateColumn: 'valid_from',
    columns: [
      name,
      idNumber,
      { header: '救助类别', key: 'economic_status', kind: 'enum', required: true, fact: 'economic_status', options: invert(VALUE_LABELS.economic_status!), width: 12 },
      validFrom('认定日期'),
      { header: '居住状况', key: 'living_arrangement', kind: 'enum', required: false, fact: 'living_arrangement', options: invert(VALUE_LABELS.living_arrangement!), width: 14 },
      { header: '无子女', key: 'childless', kind: 'bool', required: false, fact: 'childless', options: YES_NO, width: 10 },
      { header: '有赡养人', key: 'has_supporter', kind: 'bool', required: false, fact: 'has_supporter', options: YES_NO, width: 10 },
    ],
  },
  disability: {
    key: 'disability',
    label: '残疾人信息（残联）',
    department: 'disabled_federation',
    createsPersons: false,
    dateColumn: 'valid_from',
    columns: [
      name,
      idNumber,
      { header: '残疾类别', key: 'disability_category', kind: 'enum', required: true, fact: 'disability_category', options: invert(VALUE_LABELS.disability_category!), width: 12 },
      { header: '残疾等级', key: 'disability_level', kind: 'level', required: true, fact: 'disability_level', options: LEVELS, width: 12 },
      validFrom('发证日期'),
    ],
  },
  veterans: {
    key: 'veterans',
    label: '退役军人及优抚对象（退役军人事务局）',
    department: 'veterans',
    createsPersons: false,
    dateColumn: 'valid_from',
    columns: [
      name,
      idNumber,
      { header: '优抚类别', key: 'veteran_category', kind: 'enum', required: true, fact: 'veteran_category', options: invert(VALUE_LABELS.veteran_category!), width: 20 },
      validFrom('认定日期'),
    ],
  },
  insurance: {
    key: 'insurance',
    label: '养老与医疗保险（人社、医保）',
    department: 'human_resources',
    createsPersons: false,
    dateColumn: 'valid_from',
    columns: [
      name,
      idNumber,
      { header: '养老保险类型', key: 'pension_insurance', kind: 'enum', required: true, fact: 'pension_insurance', options: invert(VALUE_LABELS.pension_insurance!), width: 18 },
      { header: '领取养老金', key: 'pension_receiving', kind: 'bool', required: true, fact: 'pension_receiving', options: YES_NO, width: 12 },
      validFrom('变更日期'),
    ],
  },
  health: {
    key: 'health',
    label: '卫生健康（卫健：计划生育特殊家庭、失智）',
    department: 'health',
    createsPersons: false,
    dateColumn: 'valid_from',
    columns: [
      name,
      idNumber,
      { header: '计划生育特殊家庭', key: 'family_planning_special', kind: 'bool', required: false, fact: 'family_planning_special', options: YES_NO, width: 18 },
      { header: '确诊失智', key: 'dementia', kind: 'bool', required: false, fact: 'dementia', options: YES_NO, width: 12 },
      validFrom('登记日期'),
    ],
  },
  death: {
    key: 'death',
    label: '死亡信息（公安户籍注销、卫健死亡证明、殡葬）',
    department: 'public_security',
    createsPersons: false,
    columns: [
      name,
      idNumber,
      { header: '死亡日期', key: 'death_date', kind: 'date', required: true, width: 14 },
      { header: '信息来源', key: 'death_source', kind: 'enum', required: false, options: { 户籍注销: 'public_security', 医学死亡证明: 'health', 殡葬火化: 'civil_affairs' }, width: 16 },
    ],
  },
};

export function isImportSource(s: string): s is ImportSourceKey {
  return (IMPORT_SOURCE_KEYS as readonly string[]).includes(s);
}

export const IMPORT_ERROR_MESSAGES = {
  REQUIRED: '必填项为空',
  TOO_LONG: '内容过长',
  ID_NOT_TEXT: '身份证号单元格是数值格式，后几位数字已丢失；请把该列设为“文本”格式后重新填写',
  PHONE_INVALID: '联系电话格式不正确（手机11位，或带区号的固定电话）',
  REGION_FORMAT: '区划代码应为6位、9位或12位数字',
  REGION_TOO_COARSE: '居住地区划须到县级或以下',
  DATE_INVALID: '日期格式不正确，请填写如 2024-03-01',
  DATE_FUTURE: '日期晚于今天',
  VALUE_NOT_IN_LIST: '取值不在下拉列表中',
  NAME_INVALID: '姓名含有不可见字符',
} as const;
export type ImportRowErrorCode = keyof typeof IMPORT_ERROR_MESSAGES | IdNumberErrorCode;

export interface ImportRowError {
  column: string;
  code: string;
  message: string;
}

/** A validated row: normalised strings, booleans and numbers keyed by column key. */
export type ImportRowValues = Record<string, string | number | boolean | null>;

/** Excel serial day numbers (1900 date system) to a plain date. */
function fromExcelSerial(n: number): PlainDate | null {
  if (!Number.isFinite(n) || n < 1 || n > 2_958_465) return null;
  const ms = Math.round((n - 25569) * 86400_000);
  const d = new Date(ms);
  return formatPlainDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function parseCellDate(cell: ImportCell): PlainDate | null {
  if (cell instanceof Date) {
    // ExcelJS gives dates as UTC midnight of the calendar day shown.
    return formatPlainDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return fromExcelSerial(cell);
  const s = String(cell ?? '').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  return isValidDateParts(y, mo, d) ? formatPlainDate(y, mo, d) : null;
}

function cellText(cell: ImportCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return parseCellDate(cell) ?? '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).trim();
}

/**
 * Validate one row. `cells` maps header → cell value. Every bad cell yields its own error (a row
 * can have several); a row with any error is rejected as a whole.
 */
export function validateImportRow(source: ImportSource, cells: Record<string, ImportCell>, today: PlainDate): { values: ImportRowValues; errors: ImportRowError[] } {
  const values: ImportRowValues = {};
  const errors: ImportRowError[] = [];
  const fail = (c: ImportColumn, code: string, message: string) => errors.push({ column: c.header, code, message });
  for (const c of source.columns) {
    const raw = cells[c.header];
    const text = cellText(raw);
    if (text === '') {
      if (c.kind === 'id_number') fail(c, 'ID_EMPTY', ID_NUMBER_ERROR_MESSAGES.ID_EMPTY);
      else if (c.required) fail(c, 'REQUIRED', `${c.header}：${IMPORT_ERROR_MESSAGES.REQUIRED}`);
      values[c.key] = null;
      continue;
    }
    if (c.maxLength && Array.from(text).length > c.maxLength) {
      fail(c, 'TOO_LONG', `${c.header}：${IMPORT_ERROR_MESSAGES.TOO_LONG}（不超过${c.maxLength}字）`);
      continue;
    }
    switch (c.kind) {
      case 'name':
        if (/[\u0000-\u001f\u007f]/.test(text)) fail(c, 'NAME_INVALID', IMPORT_ERROR_MESSAGES.NAME_INVALID);
        else values[c.key] = text;
        break;
      case 'id_number': {
        // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost
        // its last digits (conventions A.4). Only a text cell can hold an ID number.
        if (typeof raw === 'number' && text.length > 15) {
          fail(c, 'ID_NOT_TEXT', IMPORT_ERROR_MESSAGES.ID_NOT_TEXT);
          break;
        }
        const r = parseIdNumber(text, today);
        if (!r.ok) fail(c, r.error.code, ID_NUMBER_ERROR_MESSAGES[r.error.code]);
        else {
          values[c.key] = r.value.idNumber;
          values.birth_date = r.value.birthDate;
          values.sex = r.value.sex;
        }
        break;
      }
      case 'phone': {
        const p = text.replace(/[\s-]/g, '');
        if (!/^\+?\d{7,15}$/.test(p)) fail(c, 'PHONE_INVALID', IMPORT_ERROR_MESSAGES.PHONE_INVALID);
        else values[c.key] = /^(\+?86)?1[3-9]\d{9}$/.test(p) ? p.replace(/^\+?86/, '') : p;
        break;
      }
      case 'region':
        if (!isRegionCode(text)) fail(c, 'REGION_FORMAT', IMPORT_ERROR_MESSAGES.REGION_FORMAT);
        else if (c.key === 'residence_region' && !countyOf(text)) fail(c, 'REGION_TOO_COARSE', IMPORT_ERROR_MESSAGES.REGION_TOO_COARSE);
        else values[c.key] = text;
        break;
      case 'date': {
        const d = parseCellDate(raw);
        if (!d) fail(c, 'DATE_INVALID', IMPORT_ERROR_MESSAGES.DATE_INVALID);
        else if (d > today) fail(c, 'DATE_FUTURE', IMPORT_ERROR_MESSAGES.DATE_FUTURE);
        else values[c.key] = d;
        break;
      }
      case 'enum':
      case 'bool':
      case 'level': {
        const opts = c.options ?? {};
        let v: string | null | undefined = opts[text];
        // Programs may send the stored codes instead of the labels.
        if (v === undefined && Object.values(opts).includes(text)) v = text;
        if (v === undefined && c.kind === 'bool') v = ({ y: 'true', yes: 'true', '1': 'true', true: 'true', n: 'false', no: 'false', '0': 'false', false: 'false' } as Record<string, string>)[text.toLowerCase()];
        if (v === undefined && c.kind === 'level' && /^[1-4]$/.test(text)) v = text;
        if (v === undefined) {
          fail(c, 'VALUE_NOT_IN_LIST', `${c.header}：${IMPORT_ERROR_MESSAGES.VALUE_NOT_IN_LIST}（${Object.keys(opts).join('、')}）`);
          break;
        }
        values[c.key] = c.kind === 'bool' ? v === 'true' : c.kind === 'level' ? Number(v) : v;
        break;
      }
      default:
        values[c.key] = text;
    }
  }
  return { values, errors };
}

/** Header problems of a file: missing required columns and unknown ones. */
export function checkImportHeaders(source: ImportSource, headers: string[]): { missing: string[]; unknown: string[] } {
  const known = new Set(source.columns.map((c) => c.header));
  const present = new Set(headers.map((h) => h.trim()).filter((h) => h !== ''));
  return {
    missing: source.columns.filter((c) => c.required && !present.has(c.header)).map((c) => c.header),
    unknown: [...present].filter((h) => !known.has(h)),
  };
}
