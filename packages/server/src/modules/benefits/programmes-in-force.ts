/**
 * The one function that says where programmes and amounts come from: the compiled policy pack in
 * force for the region (the most specific pack whose region contains it), compiled from the
 * repository's policies/ with the policy engine (loadPackDirectory + resolvePack + compilePack).
 * When the catalogue module publishes versions, this becomes `services.catalogue.compiledFor`.
 */
import { compilePack, isInRegion, notFound, resolvePack, type CompiledPack, type PolicyPack } from '@yiyang/core';
import { loadPackDirectory } from '../catalogue';
import { createPackProgrammeProvider } from './pack-programmes';
import type { ProgrammeProvider } from './programme-source';

let loaded: Promise<{ packs: PolicyPack[]; compiled: Map<string, CompiledPack> }> | undefined;

async function load() {
  const { packs } = await loadPackDirectory();
  const byCode = new Map(packs.map((p) => [p.code, p]));
  const compiled = new Map<string, CompiledPack>();
  for (const p of packs) {
    const r = resolvePack(p.code, byCode);
    if (!r.ok) continue;
    const c = compilePack(r.value);
    if (c.ok) compiled.set(p.code, c.value);
  }
  return { packs, compiled };
}

export async function compiledPackFor(region: string): Promise<CompiledPack | undefined> {
  loaded ??= load();
  const { packs, compiled } = await loaded;
  const candidates = packs.filter((p) => p.region !== '000000' && isInRegion(region, p.region));
  candidates.sort((a, b) => b.region.replace(/0+$/, '').length - a.region.replace(/0+$/, '').length);
  const best = candidates[0];
  if (!best) throw notFound('CATALOGUE_NOT_FOUND', `区划${region}没有生效的基本养老服务清单`);
  return compiled.get(best.code);
}

export function programmeProvider(): ProgrammeProvider {
  return createPackProgrammeProvider(async (region) => compiledPackFor(region));
}
