/** Test helpers for benefits and payroll (persons with Lanxi hukou from a past date). Test-only. */
import { compilePack, makeIdNumber, resolvePack } from '@yiyang/core';
import type { AppContext } from '../src/app-context';
import type { Clock } from '../src/platform/clock';
import type { Actor } from '../src/platform/actor';
import { createAccountsService, type AccountsService } from '../src/modules/accounts';
import { createBenefitsService, createPackProgrammeProvider, type BenefitsService } from '../src/modules/benefits';
import { loadPackDirectory } from '../src/modules/catalogue';
import type { PersonRef } from '../src/modules/registry';

let seq = 0;
export async function lanxiPerson(ctx: AppContext, system: Actor, birth: string, opts: { region?: string; name?: string; death?: string } = {}): Promise<PersonRef> {
  const region = opts.region ?? '330781001001';
  const reg = ctx.services.registry;
  const p = await reg.create(system, { id_type: 'resident', id_number: makeIdNumber(region.slice(0, 6), birth, ++seq % 999 || 1), name: opts.name ?? `测试老人${seq}`, region_code: region });
  await reg.recordFact(system, p.id, { fact: 'hukou_region', value: region, valid_from: '1990-01-01' });
  return (await reg.findRef(p.id))!;
}

/**
 * Benefits and accounts services over the Lanxi pack with the service-credit amount set (the seeds
 * leave `service_subsidy` unset, so nobody is credited with the pack as shipped).
 */
export async function lanxiWithServiceSubsidy(ctx: AppContext, clock: Clock, monthlyFen: number): Promise<{ benefits: BenefitsService; accounts: AccountsService }> {
  const { packs } = await loadPackDirectory();
  const lx = structuredClone(packs.find((p) => p.code === 'LX')!);
  lx.parameters.service_subsidy!.values = [{ from: '2023-01-01', value: monthlyFen }];
  const resolved = resolvePack('LX', new Map(packs.map((p) => [p.code, p.code === 'LX' ? lx : p])));
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.error));
  const compiled = compilePack(resolved.value);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.error));
  const s = ctx.services;
  const benefits = createBenefitsService({ db: ctx.db, audit: s.audit, registry: s.registry, crypto: s.fieldCrypto, clock, programmes: createPackProgrammeProvider(async () => compiled.value) });
  const accounts = createAccountsService({ db: ctx.db, audit: s.audit, registry: s.registry, benefits, orgs: s.orgs, clock });
  return { benefits, accounts };
}
