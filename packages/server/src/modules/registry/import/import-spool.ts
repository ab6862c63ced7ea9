/**
 * Large uploads are imported by a job: the request body is first written to the data directory,
 * encrypted (AES-256-GCM, the field-encryption key; file = IV ‖ ciphertext ‖ tag), and deleted
 * when the job finishes. Plaintext ID numbers never rest on disk.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tooLarge } from './import-file';

export function spoolPath(dataDir: string, batchId: string): string {
  return join(dataDir, 'imports', `${batchId}.bin`);
}

/** Write the body encrypted; returns its size and SHA-256. */
export async function spoolUpload(body: Readable, path: string, key: Buffer, maxBytes: number): Promise<{ bytes: number; sha256: string }> {
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      if (bytes > maxBytes) return cb(tooLarge(maxBytes));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const out = createWriteStream(path, { mode: 0o600 });
  out.write(iv);
  try {
    await pipeline(body, tap, cipher, out, { end: false });
    await new Promise<void>((res, rej) => out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? rej(e) : res())));
  } catch (e) {
    out.destroy();
    await rm(path, { force: true });
    throw e;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** A decrypting stream over a spooled file (authentication is checked at its end). */
export async function readSpool(path: string, key: Buffer): Promise<{ stream: Readable; bytes: number }> {
  const { size } = await stat(path);
  const fh = await open(path, 'r');
  const iv = Buffer.alloc(12);
  const tag = Buffer.alloc(16);
  await fh.read(iv, 0, 12, 0);
  await fh.read(tag, 0, 16, size - 16);
  await fh.close();
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  const stream = createReadStream(path, { start: 12, end: size - 17 }).pipe(decipher);
  return { stream, bytes: size - 28 };
}

export async function removeSpool(path: string): Promise<void> {
  await rm(path, { force: true });
}
