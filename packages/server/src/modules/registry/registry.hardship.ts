/**
 * Special-hardship definitions in force: national defaults (core hardship-rules.ts) with
 * locality overrides by region. Overrides are persisted in `settings` (key
 * `registry.hardship_definitions`, `{ [regionCode]: { [tag]: cel } }`) so every process applies
 * the same ones; the catalogue module feeds them from a policy pack through
 * `registry.setHardshipDefinitions(actor, region, defs)` and then `recomputeTags(region)`.
 */
import { createHardshipClassifier, invalid, regionPrefix, type HardshipClassifier, type HardshipDefinitions } from '@yiyang/core';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database';

const SETTINGS_KEY = 'registry.hardship_definitions';

export function createHardshipStore(db: Db) {
  let overrides: Record<string, HardshipDefinitions> = {};
  let loaded: Promise<void> | null = null;
  const cache = new Map<string, HardshipClassifier>();
  const national = (() => {
    const c = createHardshipClassifier();
    if (!c.ok) throw new Error('national hardship definitions do not compile');
    return c.value;
  })();

  function compile(defs: HardshipDefinitions): HardshipClassifier {
    const c = createHardshipClassifier(defs);
    if (!c.ok) throw invalid(c.error[0]!.code, c.error.map((e) => e.message).join('；'));
    return c.value;
  }

  /** Region code of the most specific override covering `regionCode`, or null. */
  function overrideFor(regionCode: string): string | null {
    let best: string | null = null;
    for (const r of Object.keys(overrides)) {
      if (regionCode.startsWith(regionPrefix(r)) && (best === null || regionPrefix(r).length > regionPrefix(best).length)) best = r;
    }
    return best;
  }

  return {
    async load(ex: Executor = db, force = false): Promise<void> {
      if (loaded && !force) return loaded;
      loaded = (async () => {
        const row = await ex.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
        overrides = (row?.value as Record<string, HardshipDefinitions> | undefined) ?? {};
        cache.clear();
      })();
      return loaded;
    },

    classifierFor(regionCode: string): HardshipClassifier {
      const r = overrideFor(regionCode);
      if (r === null) return national;
      let c = cache.get(r);
      if (!c) {
        c = compile(overrides[r]!);
        cache.set(r, c);
      }
      return c;
    },

    /** Definitions in force for a region: national merged with the covering override. */
    definitionsFor(regionCode: string): { region: string | null; definitions: Record<string, string> } {
      const r = overrideFor(regionCode);
      return { region: r, definitions: this.classifierFor(regionCode).definitions };
    },

    /** Replace a region's overrides (empty object = back to national); validated before saving. */
    async set(ex: Executor, regionCode: string, defs: HardshipDefinitions, userId: string | null): Promise<void> {
      compile(defs);
      await this.load(ex);
      const next = { ...overrides };
      if (Object.keys(defs).length === 0) delete next[regionCode];
      else next[regionCode] = defs;
      await ex
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value: sql`${JSON.stringify(next)}::jsonb`, updated_by: userId })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`${JSON.stringify(next)}::jsonb`, updated_at: new Date(), updated_by: userId }))
        .execute();
      overrides = next;
      cache.clear();
    },
  };
}
export type HardshipStore = ReturnType<typeof createHardshipStore>;
