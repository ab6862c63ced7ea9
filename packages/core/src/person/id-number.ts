/**
 * Resident identity number (公民身份号码), GB 11643-1999.
 * Structure (standards.md §7.1): 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male), 1 check character by ISO 7064 MOD 11-2. Legacy 15-digit numbers (GB 11643-1989)
 * are upgraded by inserting "19" before YYMMDD and appending the check character (§7.4).
 * Address codes are NOT checked against today's division list: they record registration at
 * issue time and many elderly people carry codes of counties that no longer exist (§7.5).
 */
import { ageOn, formatPlainDate, isValidDateParts, type PlainDate } from '../lib/dates';
import { err, ok, type Result } from '../lib/result';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

export type IdNumberErrorCode =
  | 'ID_EMPTY'
  | 'ID_LENGTH'
  | 'ID_CHARACTERS'
  | 'ID_ADDRESS_CODE'
  | 'ID_BIRTH_DATE'
  | 'ID_BIRTH_FUTURE'
  | 'ID_CHECK_DIGIT';

export const ID_NUMBER_ERROR_MESSAGES: Record<IdNumberErrorCode, string> = {
  ID_EMPTY: '身份证号不能为空',
  ID_LENGTH: '身份证号应为18位（或15位旧号码）',
  ID_CHARACTERS: '身份证号只能包含数字，最后一位可以是X',
  ID_ADDRESS_CODE: '身份证号前6位地址码无效',
  ID_BIRTH_DATE: '身份证号中的出生日期不存在',
  ID_BIRTH_FUTURE: '身份证号中的出生日期晚于今天',
  ID_CHECK_DIGIT: '身份证号校验位错误',
};

export interface IdNumberInfo {
  /** Normalised 18-character number, upper-case X. */
  idNumber: string;
  addressCode: string;
  birthDate: PlainDate;
  sex: 'male' | 'female';
  /** True when the input was a 15-digit legacy number that was upgraded. */
  upgradedFrom15: boolean;
}

export interface IdNumberError {
  code: IdNumberErrorCode;
  message: string;
}

export function computeCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[s % 11]!;
}

/** Province codes (first two digits) of GB/T 2260, plus 71/81/82/83 used by residence permits. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

function fail(code: IdNumberErrorCode): Result<never, IdNumberError> {
  return err({ code, message: ID_NUMBER_ERROR_MESSAGES[code] });
}

/**
 * Validate and normalise a resident ID number. `today` bounds the birth date.
 * `allowLegacy15` accepts 15-digit numbers and upgrades them (imports of old department data).
 */
export function parseIdNumber(
  input: string,
  today: PlainDate,
  options: { allowLegacy15?: boolean } = {},
): Result<IdNumberInfo, IdNumberError> {
  const raw = (input ?? '').trim().replace(/\s+/g, '');
  if (raw === '') return fail('ID_EMPTY');
  const allowLegacy15 = options.allowLegacy15 ?? true;
  let s = raw.toUpperCase();
  let upgraded = false;
  if (s.length === 15) {
    if (!allowLegacy15) return fail('ID_LENGTH');
    if (!/^\d{15}$/.test(s)) return fail('ID_CHARACTERS');
    // 15-digit numbers predate the 18-digit scheme: the century is always 19 (standards.md §7.4).
    const first17 = s.slice(0, 6) + '19' + s.slice(6, 15);
    s = first17 + computeCheckChar(first17);
    upgraded = true;
  } else if (s.length !== 18) {
    return fail('ID_LENGTH');
  }
  if (!/^\d{17}[\dX]$/.test(s)) return fail('ID_CHARACTERS');
  const addressCode = s.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(addressCode.slice(0, 2)) || addressCode.slice(2) === '0000') {
    return fail('ID_ADDRESS_CODE');
  }
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  if (y < 1850 || !isValidDateParts(y, m, d)) return fail('ID_BIRTH_DATE');
  const birthDate = formatPlainDate(y, m, d);
  if (birthDate > today) return fail('ID_BIRTH_FUTURE');
  if (!upgraded && computeCheckChar(s.slice(0, 17)) !== s[17]) return fail('ID_CHECK_DIGIT');
  const sex = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return ok({ idNumber: s, addressCode, birthDate, sex, upgradedFrom15: upgraded });
}

export function isValidIdNumber(input: string, today: PlainDate): boolean {
  return parseIdNumber(input, today, { allowLegacy15: false }).ok;
}

/** 周岁 on a date, from the ID number's birth date. */
export function ageFromIdNumber(idNumber: string, on: PlainDate): number {
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return ageOn(birth, on);
}

/** Build a valid 18-digit number from its parts (synthetic data and test fixtures). */
export function makeIdNumber(addressCode: string, birthDate: PlainDate, sequence: number): string {
  const seq = String(sequence).padStart(3, '0');
  const first17 = addressCode + birthDate.replaceAll('-', '') + seq;
  if (!/^\d{17}$/.test(first17)) throw new RangeError('bad ID parts');
  return first17 + computeCheckChar(first17);
}
