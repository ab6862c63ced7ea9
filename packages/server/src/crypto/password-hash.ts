/**
 * Password hashing with argon2id, m = 46 MiB, t = 1, p = 1 (OWASP ASVS Appendix C; security
 * target 14). The parameters are stored in the PHC string, so they can be raised later and old
 * hashes still verify.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';

export const ARGON2_PARAMS = { memoryCost: 47104, timeCost: 1, parallelism: 1 } as const;
/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, not importable under verbatimModuleSyntax). */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...ARGON2_PARAMS });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash never verifies; it is not an error the caller can act on.
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verify against a throwaway hash so unknown user names take as long as known ones. */
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#$%^&*-_=+?'];

/** A 16-character password from all four classes, without look-alike characters. */
export function generatePassword(length = 16): string {
  const chars: string[] = CLASSES.map((c) => c[randomInt(c.length)]!);
  const all = CLASSES.join('');
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
