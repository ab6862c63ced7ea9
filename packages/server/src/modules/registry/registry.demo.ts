/**
 * Demo data of the registry: a synthetic population (docs/synthetic-data.md) in the demo
 * communities of each seed locality, loaded through the import path, plus a likely-duplicate pair and a
 * conflict for the review pages. Size: DEMO_PERSONS per locality (start-up time, see README).
 */
import type { AppContext } from '../../app-context';
import { systemActor } from '../../platform/actor';

// Kept small while the visits demo seeds history for one page (200) of each roster in one statement;
// raise to a few thousand once it pages (see the closing note of issue 3).
export const DEMO_PERSONS = 250;

export const registryDemo = {
  name: 'registry',
  async run(ctx: AppContext, world: { streets: Map<string, string[]>; communities: Map<string, string[]> }): Promise<void> {
    const actor = systemActor('demo');
    let seed = 1;
    for (const [key, streets] of world.streets) {
      const street = streets[0];
      if (!street) continue;
      const county = street.slice(0, 6);
      // In the demo communities, where the demo community workers and grid workers work.
      const communities = world.communities.get(key) ?? [];
      await ctx.services.registry.seedPopulation(actor, { region: county, persons: DEMO_PERSONS, seed: seed++, within: communities.length ? communities : [street] });
      await ctx.services.registry.scanDuplicates(county);
    }
  },
};
