/**
 * Domain events (e.g. `person.died`), delivered through the job queue: publishing inserts one job
 * per subscriber in the publisher's transaction (a transactional outbox), so an event is never
 * lost when the change commits and never delivered when it rolls back. Subscribers are idempotent.
 */
import type { Executor } from '../db/database';
import type { JobContext, JobQueue } from './queue';

export type EventHandler<T = unknown> = (payload: T, ctx: JobContext) => Promise<unknown>;

export function createEventBus(queue: JobQueue) {
  const subscribers = new Map<string, string[]>();
  return {
    subscribe<T>(eventType: string, subscriber: string, handler: EventHandler<T>): void {
      const jobType = `event:${eventType}:${subscriber}`;
      queue.register(jobType, (payload, ctx) => handler(payload as T, ctx));
      subscribers.set(eventType, [...(subscribers.get(eventType) ?? []), subscriber]);
    },
    /** `key` identifies the occurrence (e.g. the person id and date), making re-publishing a no-op. */
    async publish(ex: Executor, eventType: string, payload: unknown, key: string): Promise<void> {
      for (const s of subscribers.get(eventType) ?? []) {
        await queue.enqueue(ex, { type: `event:${eventType}:${s}`, payload, idempotencyKey: `${eventType}:${key}:${s}` });
      }
    },
    /**
     * Publish many occurrences in one statement (bulk imports: one event per changed person
     * without one round trip each). Same idempotency keys as `publish`.
     */
    async publishMany(ex: Executor, eventType: string, items: Array<{ payload: unknown; key: string; regionCode?: string | null }>): Promise<void> {
      const subs = subscribers.get(eventType) ?? [];
      if (subs.length === 0 || items.length === 0) return;
      await queue.enqueueMany(
        ex,
        subs.flatMap((s) => items.map((x) => ({ type: `event:${eventType}:${s}`, payload: x.payload, idempotencyKey: `${eventType}:${x.key}:${s}`, regionCode: x.regionCode ?? null }))),
      );
    },
    subscribersOf(eventType: string): string[] {
      return subscribers.get(eventType) ?? [];
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
