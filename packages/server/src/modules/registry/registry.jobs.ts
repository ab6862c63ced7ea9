/** Job handlers of the registry (registered in jobs/handlers.ts → JOB_REGISTRARS). */
import type { AppContext } from '../../app-context';
import { systemActor } from '../../platform/actor';

export function registerRegistryJobs(ctx: AppContext): void {
  const registry = ctx.services.registry;
  // Large imports: the spooled file, acting in the importer's region.
  ctx.jobs.register('registry.import', async (payload, job) => {
    const { batch_id } = payload as { batch_id: string };
    return registry.imports.runJob(
      batch_id,
      (b) => ({ ...systemActor(`import:${b.id}`), userId: b.created_by, regionCode: b.region_code }),
      (p) => job.progress(p),
    );
  });
  ctx.jobs.register('registry.scan_duplicates', async (payload) => {
    const { county_code } = payload as { county_code: string };
    return { new_pairs: await registry.scanDuplicates(county_code) };
  });
  ctx.jobs.register('registry.recompute_tags', async (payload, job) => {
    const { region_code } = payload as { region_code: string };
    return { persons: await registry.recomputeTags(region_code, (n) => job.progress({ persons: n })) };
  });
}
