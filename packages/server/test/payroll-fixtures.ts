/** Test helpers for benefits and payroll (persons with Lanxi hukou from a past date). Test-only. */
import { makeIdNumber } from '@yiyang/core';
import type { AppContext } from '../src/app-context';
import type { Actor } from '../src/platform/actor';
import type { PersonRef } from '../src/modules/registry';

let seq = 0;
export async function lanxiPerson(ctx: AppContext, system: Actor, birth: string, opts: { region?: string; name?: string; death?: string } = {}): Promise<PersonRef> {
  const region = opts.region ?? '330781001001';
  const reg = ctx.services.registry;
  const p = await reg.create(system, { id_type: 'resident', id_number: makeIdNumber(region.slice(0, 6), birth, ++seq % 999 || 1), name: opts.name ?? `测试老人${seq}`, region_code: region });
  await reg.recordFact(system, p.id, { fact: 'hukou_region', value: region, valid_from: '1990-01-01' });
  return (await reg.findRef(p.id))!;
}
