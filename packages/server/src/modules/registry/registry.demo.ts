/**
 * Demo data of the registry: a synthetic population (docs/synthetic-data.md) in the demo streets
 * of each seed locality, loaded through the import path, plus a likely-duplicate pair and a
 * conflict for the review pages. Size: DEMO_PERSONS per locality (start-up time, see README).
 */
import type { AppContext } from '../../app-context';
import { systemActor } from '../../platform/actor';

export const DEMO_PERSONS = 1500;

export const registryDemo = {
  name: 'registry',
  async run(ctx: AppContext, world: { streets: Map<string, string[]> }): Promise<void> {
    const actor = systemActor('demo');
    let seed = 1;
    for (const [key, streets] of world.streets) {
      // The first demo street of each locality (where the street and community accounts work).
      const street = streets[0];
      if (!street) continue;
      await ctx.services.registry.seedPopulation(actor, { region: street, persons: DEMO_PERSONS, seed: seed++ });
      const county = street.slice(0, 6);
      await ctx.services.registry.scanDuplicates(county);
      void key;
    }
  },
};
