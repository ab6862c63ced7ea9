import { Readable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openImport } from './import-file';
import { readSpool, spoolUpload } from './import-spool';

const body = (s: string | Buffer) => Readable.from([Buffer.isBuffer(s) ? s : Buffer.from(s)]);
async function rows(s: string, maxRows?: number) {
  const f = await openImport(body(s), 'text/csv', maxRows ? { maxRows } : {});
  const out = [];
  for await (const r of f.rows) out.push(r);
  return { headers: f.headers, rows: out };
}

describe('import file reading', () => {
  it('numbers rows as Excel shows them: header 1, blank lines counted, quoted newlines in one row', async () => {
    const r = await rows('\uFEFF甲,乙\n1,2\n\n"多\n行",4\n5,6\n');
    expect(r.headers).toEqual(['甲', '乙']);
    expect(r.rows.map((x) => [x.row, x.cells['甲']])).toEqual([[2, '1'], [4, '多\n行'], [5, '5']]);
  });

  it('refuses more rows than the limit with its own code', async () => {
    await expect(rows('a\n1\n2\n3\n', 2)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS' });
  });

  it('refuses a body above the size limit while spooling, and round-trips an encrypted spool', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spool-'));
    try {
      const key = randomBytes(32);
      await expect(spoolUpload(body('x'.repeat(100)), join(dir, 'a.bin'), key, 50)).rejects.toMatchObject({ code: 'IMPORT_TOO_LARGE' });
      const text = '姓名,身份证号\n张三,330781194003151230\n';
      const { bytes } = await spoolUpload(body(text), join(dir, 'b.bin'), key, 1000);
      expect(bytes).toBe(Buffer.byteLength(text));
      const { readFile } = await import('node:fs/promises');
      expect((await readFile(join(dir, 'b.bin'))).includes(Buffer.from('330781194003151230'))).toBe(false);
      const { stream } = await readSpool(join(dir, 'b.bin'), key);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a header-less file and binary content', async () => {
    await expect(rows('\n\n')).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
    await expect(openImport(body(Buffer.from([1, 0, 2, 3, 4, 5, 6, 7, 8])), undefined)).rejects.toMatchObject({ code: 'IMPORT_FILE_TYPE' });
  });
});
