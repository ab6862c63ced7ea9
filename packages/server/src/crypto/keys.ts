/**
 * Key material. One master key (YIYANG_SECRET_KEY, or generated into `<data dir>/keys/master.key`
 * on first start of an embedded deployment) and purpose-bound subkeys derived with HKDF-SHA256,
 * so one secret to back up yields independent keys for each use.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type KeyPurpose = 'field-encryption' | 'field-hmac' | 'totp-encryption' | 'audit-chain' | 'session';

export interface Keys {
  get(purpose: KeyPurpose): Buffer;
  /** Where the master key came from, for the start-up log. */
  source: 'environment' | 'data-dir' | 'ephemeral';
}

const PLACEHOLDERS = new Set(['changeme', 'secret', 'abcdefghijklmnopqrstuvwxyz', 'password', 'yiyang']);

export class KeyError extends Error {}

export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  if (PLACEHOLDERS.has(t.toLowerCase())) throw new KeyError('YIYANG_SECRET_KEY is a documented placeholder');
  let key: Buffer;
  if (/^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0) key = Buffer.from(t, 'hex');
  else key = Buffer.from(t, 'base64');
  // Security target 17: refuse keys shorter than 32 bytes.
  if (key.length < 32) throw new KeyError('YIYANG_SECRET_KEY must be at least 32 bytes (64 hex characters)');
  return key;
}

export function keysFromMaster(master: Buffer, source: Keys['source']): Keys {
  const cache = new Map<KeyPurpose, Buffer>();
  return {
    source,
    get(purpose) {
      let k = cache.get(purpose);
      if (!k) {
        k = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `yiyang:${purpose}`, 32));
        cache.set(purpose, k);
      }
      return k;
    },
  };
}

export async function loadKeys(opts: { secretKey?: string | undefined; dataDir: string }): Promise<Keys> {
  if (opts.secretKey) return keysFromMaster(parseMasterKey(opts.secretKey), 'environment');
  const dir = join(opts.dataDir, 'keys');
  const file = join(dir, 'master.key');
  if (existsSync(file)) return keysFromMaster(parseMasterKey(await readFile(file, 'utf8')), 'data-dir');
  await mkdir(dir, { recursive: true });
  const master = randomBytes(32);
  await writeFile(file, master.toString('hex') + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return keysFromMaster(master, 'data-dir');
}

export function ephemeralKeys(): Keys {
  return keysFromMaster(randomBytes(32), 'ephemeral');
}
