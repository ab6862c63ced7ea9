/**
 * Masks sensitive fields in before/after snapshots written to the audit trail, so the trail
 * itself never becomes a copy of the ID numbers and secrets it protects.
 */
import { maskBirthDate, maskIdNumber, maskPhone } from '@yiyang/core';

const DROP = /(password|secret|totp|token|_enc$|_hash$|_hmac$|blind)/i;
const ID_KEYS = /^(id_number|id_no|identity_number)$/i;
const PHONE_KEYS = /(phone|mobile|tel)$/i;
const ACCOUNT_KEYS = /(bank_account|account_no|card_no)$/i;

export function maskForAudit(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (DROP.test(k)) out[k] = v == null ? null : '[已隐藏]';
    else if (ID_KEYS.test(k) && typeof v === 'string') out[k] = maskIdNumber(v);
    else if (PHONE_KEYS.test(k) && typeof v === 'string') out[k] = maskPhone(v);
    // With the masked ID in the same snapshot a full birth date would complete the number.
    else if (k === 'birth_date' && typeof v === 'string') out[k] = maskBirthDate(v);
    else if (ACCOUNT_KEYS.test(k) && typeof v === 'string') out[k] = v.length > 4 ? '*'.repeat(v.length - 4) + v.slice(-4) : '****';
    else out[k] = maskForAudit(v);
  }
  return out;
}
