/**
 * Migration file names follow `NNNN_verb-object.sql` with verbs create/add/alter/remove/rename/
 * backfill (architecture guide §5), numbers are unique and contiguous ranges are not required.
 * Exits 1 listing every bad name.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../migrations/', import.meta.url));
const NAME = /^(\d{4})_(create|add|alter|remove|rename|backfill|drop)-[a-z0-9]+(?:-[a-z0-9]+)*\.sql$/;
const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
const problems: string[] = [];
const numbers = new Map<string, string>();
for (const f of files) {
  const m = NAME.exec(f);
  if (!m) {
    problems.push(`${f}: name must be NNNN_verb-object.sql (verbs: create, add, alter, remove, rename, backfill, drop)`);
    continue;
  }
  const prev = numbers.get(m[1]!);
  if (prev) problems.push(`${f}: number ${m[1]} already used by ${prev}`);
  numbers.set(m[1]!, f);
}
if (problems.length) {
  process.stderr.write(`migration names:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
process.stdout.write(`migration names ok (${files.length} files)\n`);
