/**
 * Field-level encryption for sensitive columns (ID number, phone, health data): AES-256-GCM with a
 * random 96-bit IV, stored as `v1:<iv>:<tag>:<ciphertext>` (base64url). Exact look-up goes through a
 * keyed HMAC-SHA256 "blind index" so equal values can be found without decrypting (security target 18).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Keys } from './keys';

export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash for exact-match search; `context` separates fields (e.g. 'id_number', 'phone'). */
  blindIndex(context: string, value: string): string;
}

export function createFieldCrypto(keys: Keys): FieldCrypto {
  return createCipherPair(keys.get('field-encryption'), keys.get('field-hmac'));
}

/** AES-256-GCM + HMAC with explicit keys (TOTP secrets use their own pair). */
export function createCipherPair(encKey: Buffer, macKey: Buffer): FieldCrypto {
  // IVs come from a pool of CSPRNG bytes refilled in blocks: one system call per 4096 values
  // instead of one per value (bulk imports encrypt two values per row).
  let pool = Buffer.alloc(0);
  let at = 0;
  const nextIv = () => {
    if (at + 12 > pool.length) {
      pool = randomBytes(12 * 4096);
      at = 0;
    }
    const iv = pool.subarray(at, at + 12);
    at += 12;
    return iv;
  };
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `v1:${iv.toString('base64url')}:${tag.toString('base64url')}:${ct.toString('base64url')}`;
    },
    decrypt(stored) {
      const [v, iv, tag, ct] = stored.split(':');
      if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(context, value) {
      return createHmac('sha256', macKey).update(context).update('\0').update(value).digest('base64url');
    },
  };
}
