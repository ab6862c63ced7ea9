/** Demo data (issue 4 §10): assessments in every state per locality, due list and statistics filled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo';
import { actorFor, createTestContext, type TestContext } from '../../../test/harness';

describe('assessment demo data', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.ctx);
  }, 300_000);
  afterAll(async () => t.close());

  it('each locality has assessments in every state, a due list and statistics', async () => {
    const s = t.ctx.services.assessment;
    for (const [user, county] of [['lx_county', '330781'], ['cz_luzhou', '140403'], ['tja_county', '340403'], ['bd_county', '120115']] as const) {
      const found = await t.ctx.services.users.findByUsername(user);
      const actor = await actorFor(t, found!.id);
      const all = await s.list(actor, { page: 1, page_size: 100 });
      const statuses = new Set(all.items.map((a) => a.status));
      for (const st of ['requested', 'assigned', 'in_progress', 'submitted', 'reviewed', 'published', 'objected']) expect(statuses, `${county} ${st}`).toContain(st);
      const due = await s.due(actor, { within_days: 30, page: 1, page_size: 50 });
      expect(due.items.some((d) => d.days_left < 0), `${county} overdue`).toBe(true);
      expect(due.items.some((d) => d.days_left > 0), `${county} due soon`).toBe(true);
      const st = await s.statistics(actor, {});
      expect(st.total_assessed, county).toBeGreaterThanOrEqual(6);
      expect(st.grade_counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    }
    // Each agency's assessor has a queue; the reviewer has work.
    const a1 = await actorFor(t, (await t.ctx.services.users.findByUsername('lx_assessor'))!.id);
    expect((await s.list(a1, { mine: 'true', page: 1, page_size: 50 })).items.map((a) => a.status)).toEqual(expect.arrayContaining(['assigned', 'in_progress']));
    const reviewer = await actorFor(t, (await t.ctx.services.users.findByUsername('lx_assess_reviewer'))!.id);
    expect((await s.list(reviewer, { status: 'submitted', page: 1, page_size: 50 })).total).toBe(1);
    // Seeding again changes nothing.
    const before = await t.ctx.db.selectFrom('assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await t.ctx.db.deleteFrom('settings').where('key', '=', 'demo.seeded').execute();
    await seedDemo(t.ctx);
    const after = await t.ctx.db.selectFrom('assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
