import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isDomainError } from '@yiyang/core';
import { loadPackDirectory } from './pack-files';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function policies(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'yiyang-packs-'));
  dirs.push(root);
  const dir = join(root, 'policies');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const good = `code: XX
name: 测试清单
region: "330781"
level: county
items:
  - code: XX-01
    name: 项目
    target_group: 老年人
    service_types: [care_service]
    content: 内容
    departments: [民政局]
    eligibility: "age >= 80"
    benefit: { kind: cash, monthly_fen: "6000" }
    start_rule: month_after_eligible
    requires_application: false
    citation: 测试
`;

describe('loadPackDirectory', () => {
  it('loads the repository packs with their tests', async () => {
    const { packs, tests } = await loadPackDirectory();
    expect(packs.map((p) => p.code).sort()).toEqual(['BD', 'CZ', 'LX', 'NAT', 'TJA']);
    expect(tests['LX']!.length).toBeGreaterThan(20);
  });

  it('loads a valid pack and its test cases', async () => {
    const dir = await policies({
      '330781-x/pack.yaml': good,
      '330781-x/tests.yaml': 'cases:\n  - { name: a, as_of: "2025-01-01", person: {}, expect_items: [] }\n',
    });
    const r = await loadPackDirectory(dir);
    expect(r.packs[0]!.items[0]!.not_with).toEqual([]);
    expect(r.tests['XX']).toHaveLength(1);
  });

  it('names the file, the YAML path and the line of every problem, in Chinese with a stable code', async () => {
    const dir = await policies({
      '330781-x/pack.yaml': good.replace('level: county', 'level: town').replace('    start_rule: month_after_eligible\n', ''),
      '330782-y/pack.yaml': 'code: YY\nname: [unclosed\n',
      '330783-z/pack.yaml': good.replace('code: XX', 'code: ZZ'),
      '330783-z/tests.yaml': 'cases:\n  - { name: a, as_of: "2025-13-01", person: {}, expect_items: [] }\n',
    });
    const e = await loadPackDirectory(dir).catch((x: unknown) => x);
    expect(isDomainError(e)).toBe(true);
    if (!isDomainError(e)) return;
    expect(e.code).toBe('POLICY_PACK_INVALID');
    const d = e.details!;
    const level = d.find((x) => x.path === 'policies/330781-x/pack.yaml#level')!;
    expect(level).toMatchObject({ code: 'PACK_SCHEMA', line: 4 });
    expect(level.message).toContain('policies/330781-x/pack.yaml 第4行');
    expect(level.message).toContain('层级应为');
    expect(d.find((x) => x.path === 'policies/330781-x/pack.yaml#items[0].start_rule')).toMatchObject({ code: 'PACK_SCHEMA', line: 6 });
    expect(d.find((x) => x.code === 'PACK_YAML')!.message).toContain('policies/330782-y/pack.yaml：YAML 格式错误');
    expect(d.find((x) => x.code === 'PACK_TESTS_SCHEMA')!.message).toContain('测试日期应为 YYYY-MM-DD');
  });
});
