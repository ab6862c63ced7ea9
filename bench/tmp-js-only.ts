import { createReadStream } from 'node:fs';
import { IMPORT_SOURCES, validateImportRow, maskIdNumber, maskPhone } from '@yiyang/core';
import { openImport } from '../packages/server/src/modules/registry/import/import-file';
import { createFieldCrypto } from '../packages/server/src/crypto/field-crypto';
import { keysFromMaster } from '../packages/server/src/crypto/keys';
const c = createFieldCrypto(keysFromMaster(Buffer.alloc(32, 7), 'ephemeral'));
const mode = process.argv[2] ?? 'all';
const t0 = performance.now();
const f = await openImport(createReadStream('/tmp/yiyang-bench/population-100000.csv'), 'text/csv');
let n = 0;
const t1 = performance.now();
for await (const r of f.rows) {
  n++;
  if (mode === 'parse') continue;
  const v = validateImportRow(IMPORT_SOURCES.population, r.cells, '2025-06-01');
  if (mode === 'validate') continue;
  c.blindIndex('id_number', v.values.id_number as string);
  c.encrypt(v.values.id_number as string);
  maskIdNumber(v.values.id_number as string);
  if (v.values.phone) { c.encrypt(v.values.phone as string); c.blindIndex('phone', v.values.phone as string); maskPhone(v.values.phone as string); }
}
const s = (performance.now() - t1) / 1000;
console.log(mode, n, s.toFixed(2), 's', Math.round(n / s), 'rows/s');
