/** TOTP second factor (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps expect). */
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, username: string): string {
  return new TOTP({ issuer: '颐养', label: username, secret: Secret.fromBase32(secret), period: PERIOD, digits: 6 }).toString();
}

/**
 * Checks a code within ±1 step and returns the time step it matched, so the caller can refuse
 * a replay of the same or an older step (each code works once).
 */
export function matchTotp(secret: string, code: string, nowMs: number): number | null {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD, digits: 6 });
  const delta = totp.validate({ token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  return Math.floor(nowMs / 1000 / PERIOD) + delta;
}

export function totpNow(secret: string, nowMs: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), period: PERIOD, digits: 6 }).generate({ timestamp: nowMs });
}
