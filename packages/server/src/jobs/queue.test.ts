import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness';
import { createEventBus } from './events';
import { createJobQueue } from './queue';

describe('job queue', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(async () => t.close());

  it('runs jobs, retries failures with back-off, and treats an idempotency key as one job', async () => {
    const q = createJobQueue({ db: t.ctx.db, clock: t.clock, log: t.ctx.log });
    const seen: unknown[] = [];
    let failures = 0;
    q.register('test.echo', async (p) => {
      seen.push(p);
      return { echoed: p };
    });
    q.register('test.flaky', async () => {
      if (failures++ === 0) throw new Error('first attempt fails');
      return 'ok';
    });
    const a = await q.enqueue(t.ctx.db, { type: 'test.echo', payload: { n: 1 }, idempotencyKey: 'echo-1' });
    const b = await q.enqueue(t.ctx.db, { type: 'test.echo', payload: { n: 1 }, idempotencyKey: 'echo-1' });
    expect(b).toBe(a);
    const flaky = await q.enqueue(t.ctx.db, { type: 'test.flaky', maxAttempts: 3 });
    await q.drain();
    expect(seen).toEqual([{ n: 1 }]);
    const f1 = await q.get(flaky);
    expect(f1).toMatchObject({ status: 'pending', attempts: 1, last_error: 'first attempt fails' });
    expect(f1!.run_at.getTime()).toBeGreaterThan(Date.now());
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(0) }).where('id', '=', flaky).execute();
    await q.drain();
    expect(await q.get(flaky)).toMatchObject({ status: 'done', attempts: 2, result: 'ok' });
  });

  it('events are delivered to each subscriber once, and only if the publisher commits', async () => {
    const q = createJobQueue({ db: t.ctx.db, clock: t.clock, log: t.ctx.log });
    const bus = createEventBus(q);
    const got: string[] = [];
    bus.subscribe<{ who: string }>('person.died', 'visits', async (p) => got.push(`visits:${p.who}`));
    bus.subscribe<{ who: string }>('person.died', 'benefits', async (p) => got.push(`benefits:${p.who}`));
    await t.ctx.db.transaction().execute(async (trx) => bus.publish(trx, 'person.died', { who: 'a' }, 'a'));
    await t.ctx.db.transaction().execute(async (trx) => bus.publish(trx, 'person.died', { who: 'a' }, 'a'));
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await bus.publish(trx, 'person.died', { who: 'b' }, 'b');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await q.drain();
    expect(got.sort()).toEqual(['benefits:a', 'visits:a']);
  });
});
