/**
 * Reading policy packs from disk: policies/<region>-<name>/pack.yaml (+ tests.yaml). Every pack is
 * validated with the core schema; problems name the file, the YAML path and the line, in Chinese
 * with a stable code (DomainError POLICY_PACK_INVALID, details[] one per problem).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalid, parsePack, PackTestFileSchema, type ErrorDetail, type PackTestCase, type PolicyPack } from '@yiyang/core';
import { LineCounter, parseDocument } from 'yaml';

export const DEFAULT_POLICIES_DIR = fileURLToPath(new URL('../../../../../policies/', import.meta.url));

function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

async function readYaml(file: string, shown: string, details: ErrorDetail[]): Promise<{ data: unknown; lineOf: (path: string) => number | null } | null> {
  const text = await readFile(file, 'utf8');
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      details.push({ code: 'PACK_YAML', path: shown, line: e.linePos?.[0]?.line ?? null, message: `${shown}：YAML 格式错误（${e.message.split('\n')[0]}）` });
    }
    return null;
  }
  const lineOf = (path: string): number | null => {
    const segs = segments(path);
    for (let n = segs.length; n > 0; n--) {
      const node = doc.getIn(segs.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lc.linePos(node.range[0]).line;
    }
    return null;
  };
  return { data: doc.toJS(), lineOf };
}

/**
 * Loads every pack under `dir` (default: the repository's policies/). Throws a validation
 * DomainError listing every problem of every file when any pack or test file is invalid.
 */
export async function loadPackDirectory(dir: string = DEFAULT_POLICIES_DIR): Promise<{ packs: PolicyPack[]; tests: Record<string, PackTestCase[]> }> {
  const packs: PolicyPack[] = [];
  const tests: Record<string, PackTestCase[]> = {};
  const details: ErrorDetail[] = [];
  const entries = (await readdir(dir)).sort();
  const codes = new Map<string, string>();
  for (const name of entries) {
    const packDir = join(dir, name);
    if (!(await stat(packDir)).isDirectory()) continue;
    const packFile = join(packDir, 'pack.yaml');
    const shown = relative(join(dir, '..'), packFile);
    if (!(await stat(packFile).catch(() => null))) continue;
    const y = await readYaml(packFile, shown, details);
    if (!y) continue;
    const r = parsePack(y.data);
    if (!r.ok) {
      for (const i of r.error) {
        const line = i.path ? y.lineOf(i.path) : null;
        details.push({ code: i.code, path: `${shown}${i.path ? `#${i.path}` : ''}`, line, message: `${shown}${line ? ` 第${line}行` : ''}：${i.message}` });
      }
      continue;
    }
    const pack = r.value;
    if (codes.has(pack.code)) {
      details.push({ code: 'PACK_DUPLICATE_CODE', path: shown, message: `${shown}：清单代码 ${pack.code} 与 ${codes.get(pack.code)} 重复` });
      continue;
    }
    codes.set(pack.code, shown);
    packs.push(pack);
    const testFile = join(packDir, 'tests.yaml');
    if (await stat(testFile).catch(() => null)) {
      const shownTests = relative(join(dir, '..'), testFile);
      const t = await readYaml(testFile, shownTests, details);
      if (!t) continue;
      const parsed = PackTestFileSchema.safeParse(t.data);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const path = i.path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('').replace(/^\./, '');
          const line = t.lineOf(path);
          details.push({ code: 'PACK_TESTS_SCHEMA', path: `${shownTests}#${path}`, line, message: `${shownTests}${line ? ` 第${line}行` : ''}：${path}：${i.message}` });
        }
        continue;
      }
      tests[pack.code] = parsed.data.cases as PackTestCase[];
    }
  }
  if (details.length) throw invalid('POLICY_PACK_INVALID', `政策包文件有 ${details.length} 处错误：${details[0]!.message}`, details);
  return { packs, tests };
}
