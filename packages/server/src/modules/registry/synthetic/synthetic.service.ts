/**
 * `yiyang seed --region CODE --persons N`: generate a synthetic population for a region and load
 * it through the department-import path (one batch per source, like real department data), then
 * record capability grades as assessment results. Reproducible with `seed`.
 */
import { invalid, regionLevel, type ImportSourceKey } from '@yiyang/core';
import { Readable } from 'node:stream';
import type { FieldCrypto } from '../../../crypto/field-crypto';
import type { Db } from '../../../db/database';
import type { Actor } from '../../../platform/actor';
import type { Clock } from '../../../platform/clock';
import { requirePermission } from '../../../platform/scope';
import type { RegionService } from '../../regions';
import type { ImportService } from '../import/import.service';
import type { PersonWriter } from '../registry.writer';
import { generatePopulation, SYNTHETIC_CSV, type GenerateOptions, type SyntheticPlace } from './synthetic-population';

export const SEED_SOURCES: ImportSourceKey[] = ['population', 'social_assistance', 'disability', 'veterans', 'insurance', 'health'];

/** CSV text of one source for generated persons, streamed in blocks (bench and seed). */
export async function* syntheticCsv(source: string, o: GenerateOptions): AsyncGenerator<string> {
  const s = SYNTHETIC_CSV[source]!;
  let block = `${s.header}\n`;
  for (const p of generatePopulation(o)) {
    const line = s.line(p);
    if (line !== null) block += `${line}\n`;
    if (block.length > 256 * 1024) {
      yield block;
      block = '';
    }
  }
  if (block) yield block;
}

export function createSyntheticService(deps: { db: Db; regions: RegionService; imports: ImportService; writer: PersonWriter; crypto: FieldCrypto; clock: Clock }) {
  const { db, regions, imports, writer, crypto, clock } = deps;

  /** Villages/communities (12-digit) under a region, with their street's name. */
  async function placesUnder(actor: Actor, region: string): Promise<SyntheticPlace[]> {
    const out: SyntheticPlace[] = [];
    const level = regionLevel(region);
    if (level === 'village') {
      const r = await regions.get(actor, region);
      return [{ code: region, name: r.name, streetName: r.path.at(-2)?.name ?? '' }];
    }
    const walk = async (code: string, streetName: string) => {
      for (const c of await regions.children(actor, code)) {
        if (c.code.length === 12) out.push({ code: c.code, name: c.name, streetName });
        else await walk(c.code, c.code.length === 9 ? c.name : streetName);
      }
    };
    if (level === 'township') await walk(region, (await regions.get(actor, region)).name);
    else await walk(region, '');
    return out;
  }

  return {
    placesUnder,

    /** `within`: only these subregions of `region` (e.g. the demo communities). */
    async seedPopulation(actor: Actor, o: { region: string; persons: number; seed?: number; within?: string[]; onProgress?: (source: string, r: unknown) => void }) {
      requirePermission(actor, 'persons:import');
      if (!['city', 'county', 'township', 'village'].includes(regionLevel(o.region))) throw invalid('REGION_TOO_COARSE', '请指定市、县、街道或社区级区划');
      const places = o.within?.length
        ? (await Promise.all(o.within.filter((r) => r.startsWith(o.region.slice(0, 6))).map((r) => placesUnder(actor, r)))).flat()
        : await placesUnder(actor, o.region);
      if (places.length === 0) throw invalid('REGION_NOT_LOADED', `区划${o.region}下没有村/社区，请先加载区划（yiyang regions load）`);
      const gen: GenerateOptions = { seed: o.seed ?? 20240101, count: o.persons, today: clock.today(), places };
      const scoped = { ...actor, regionCode: o.region };
      const results: Record<string, unknown> = {};
      for (const source of SEED_SOURCES) {
        const r = await imports.start(scoped, { source, file_name: `synthetic-${source}.csv`, mode: 'auto' }, Readable.from(syntheticCsv(source, gen)), 'text/csv', undefined);
        results[source] = r.kind === 'done' ? { accepted: r.result.accepted, rejected: r.result.rejected, created: r.result.created, updated: r.result.updated } : r;
        o.onProgress?.(source, results[source]);
      }
      // Capability grades are assessment results (the assessment module owns that fact).
      let graded = 0;
      let chunk: Array<{ id: string; grade: number; from: string }> = [];
      const flush = async () => {
        if (!chunk.length) return;
        const hm = new Map(chunk.map((c) => [crypto.blindIndex('id_number', c.id), c]));
        await db.transaction().execute(async (trx) => {
          const rows = await trx.selectFrom('persons').select(['county_code', 'id', 'id_number_hmac']).where('id_type', '=', 'resident').where('id_number_hmac', 'in', [...hm.keys()]).execute();
          const w = await writer.writeFacts(
            trx,
            actor,
            rows.map((r) => ({ key: r, fact: 'capability_grade' as const, value: hm.get(r.id_number_hmac)!.grade, validFrom: hm.get(r.id_number_hmac)!.from, sourceType: 'assessment' as const, sourceDepartment: 'assessment', sourceRef: 'synthetic' })),
          );
          await writer.refreshPersons(trx, rows.filter((r) => w.changed.has(r.id)));
          graded += w.changed.size;
        });
        chunk = [];
      };
      for (const p of generatePopulation(gen)) {
        if (p.capabilityGrade === null) continue;
        chunk.push({ id: p.idNumber, grade: p.capabilityGrade, from: p.recordedFrom });
        if (chunk.length >= 5000) await flush();
      }
      await flush();
      results.capability_grade = { graded };
      return results;
    },
  };
}
