/**
 * Programmes from a compiled policy pack: the items whose benefit is cash or service_credit.
 * `compiled` is the engine's CompiledPack (structurally: its resolved pack's items and entitle).
 */
import { notFound, type EntitleFn, type PlainDate, type StartRule } from '@yiyang/core';
import type { ProgrammeCatalogue, ProgrammeProvider } from './programme-source';

export interface CompiledPackLike {
  pack: {
    code: string;
    items: ReadonlyArray<{
      code: string;
      name: string;
      benefit: { kind: string };
      not_with: string[];
      start_rule: StartRule;
      requires_application: boolean;
      eligibility: string;
      citation: string;
    }>;
  };
  entitle: EntitleFn;
}

export function catalogueFromPack(compiled: CompiledPackLike): ProgrammeCatalogue {
  const items = compiled.pack.items.filter((i) => i.benefit.kind === 'cash' || i.benefit.kind === 'service_credit');
  return {
    source: compiled.pack.code,
    programmes: items.map((i) => ({
      code: i.code, name: i.name, benefit_kind: i.benefit.kind as 'cash' | 'service_credit', start_rule: i.start_rule,
      not_with: [...i.not_with], requires_application: i.requires_application, citation: i.citation,
    })),
    entitle: (facts, asOf) => compiled.entitle(facts, asOf),
    reads_birth_date: compiled.pack.items.some((i) => i.eligibility.includes('birth_date') || JSON.stringify(i.benefit).includes('birth_date')),
  };
}

/** A provider over "the compiled pack for a region on a date" (the catalogue's compiledFor). */
export function createPackProgrammeProvider(compiledFor: (region: string, asOf: PlainDate) => Promise<CompiledPackLike | undefined>): ProgrammeProvider {
  return async (region, asOf) => {
    const compiled = await compiledFor(region, asOf);
    if (!compiled) throw notFound('CATALOGUE_NOT_FOUND', `区划${region}在${asOf}没有生效的基本养老服务清单`);
    return catalogueFromPack(compiled);
  };
}
