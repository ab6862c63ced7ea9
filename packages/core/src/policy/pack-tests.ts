/**
 * Test cases that travel with a pack (policies/<pack>/tests.yaml, in the way OpenFisca keeps
 * tests beside the law): a person, a date, the items expected and optionally their amounts.
 */
import { z } from 'zod';
import { isPlainDate } from '../lib/dates';
import type { PersonFacts } from '../person/facts';
import type { CompiledPack } from './engine';
import { personFactsOn } from './facts-on';

export interface PackTestCase {
  name: string;
  as_of: string;
  person: Record<string, unknown>;
  expect_items: string[];
  expect_amounts?: Record<string, number | null>;
}

export const PackTestCaseSchema = z
  .object({
    name: z.string().min(1, '测试用例名称不能为空'),
    as_of: z.string().refine(isPlainDate, '测试日期应为 YYYY-MM-DD'),
    person: z.record(z.string(), z.unknown()),
    expect_items: z.array(z.string()),
    expect_amounts: z.record(z.string(), z.number().int().nullable()).optional(),
  })
  .strict();

export const PackTestFileSchema = z.object({ pack: z.string().optional(), cases: z.array(PackTestCaseSchema) }).strict();

export interface PackTestFailure {
  name: string;
  message: string;
}

/** Runs the cases against both the batch path (entitle) and the reference (explain). */
export function runPackTests(compiled: CompiledPack, cases: readonly PackTestCase[]): PackTestFailure[] {
  const failures: PackTestFailure[] = [];
  for (const c of cases) {
    const facts = personFactsOn(c.person as Partial<PersonFacts> & { id_number?: string }, c.as_of);
    const got = compiled.entitle(facts, c.as_of);
    const codes = got.map((e) => e.code).sort();
    const want = [...c.expect_items].sort();
    if (codes.join(',') !== want.join(',')) {
      const missing = want.filter((x) => !codes.includes(x));
      const extra = codes.filter((x) => !want.includes(x));
      failures.push({ name: c.name, message: `项目不符：缺少 [${missing.join(', ')}]，多出 [${extra.join(', ')}]` });
    }
    const explained = compiled.explain(facts, c.as_of).filter((e) => e.eligible).map((e) => e.code).sort();
    if (explained.join(',') !== codes.join(',')) {
      failures.push({ name: c.name, message: `explain 与 entitle 结果不一致：[${explained.join(', ')}] ≠ [${codes.join(', ')}]` });
    }
    for (const [code, amount] of Object.entries(c.expect_amounts ?? {})) {
      const e = got.find((x) => x.code === code);
      if (!e) failures.push({ name: c.name, message: `期望金额的项目 ${code} 未享受` });
      else if (e.monthly_cash_fen !== amount) failures.push({ name: c.name, message: `${code} 金额 ${e.monthly_cash_fen} ≠ 期望 ${amount}` });
    }
  }
  return failures;
}
