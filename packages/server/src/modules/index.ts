/**
 * Composition root of the modular monolith: builds every module's service with its explicit
 * dependencies, and lists every module's routes. A new module adds one line to each.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Keys } from '../crypto/keys';
import { createFieldCrypto } from '../crypto/field-crypto';
import type { Db, Executor } from '../db/database';
import type { DatabaseKind } from '../db/client';
import type { EventBus } from '../jobs/events';
import type { JobQueue } from '../jobs/queue';
import type { Clock } from '../platform/clock';
import { assessmentRoutes, createAssessmentService, createStoredSettingsProvider } from './assessment';
import { auditRoutes, createAuditService } from './audit';
import { authRoutes, createAuthService, type AuthService } from './auth';
import { createOrgService, orgRoutes } from './orgs';
import { createRegionService, regionRoutes } from './regions';
import { createRegistryService, registryRoutes } from './registry';
import { createSystemService, systemRoutes } from './system';
import { createUserService, userRoutes } from './users';
import { catalogueRoutes, createCatalogueService } from './catalogue';
import { createEligibilityService, eligibilityRoutes } from './eligibility';
import { createSettingsVisitPolicyProvider, createVisitsService, visitsRoutes } from './visits';
import { benefitsRoutes, createBenefitsService, createPackProgrammeProvider, type ProgrammeProvider } from './benefits';
import { createPayrollService, payrollRoutes } from './payroll';
import { accountsRoutes, createAccountsService } from './accounts';


export interface ServiceDeps {
  db: Db;
  dbKind: DatabaseKind;
  config: Config;
  keys: Keys;
  clock: Clock;
  log: Logger;
  jobs: JobQueue;
  events: EventBus;
  /** Override where programmes come from (tests). */
  programmes?: ProgrammeProvider;
}

export function createServices(d: ServiceDeps) {
  const fieldCrypto = createFieldCrypto(d.keys);
  const audit = createAuditService({ db: d.db, key: d.keys.get('audit-chain'), clock: d.clock });
  const regions = createRegionService({ db: d.db, audit });
  const orgs = createOrgService({ db: d.db, audit, regions });
  // users ↔ auth: users revoke sessions when access changes; the callback breaks the import cycle.
  const authRef: { current?: AuthService } = {};
  const users = createUserService({
    db: d.db,
    audit,
    orgs,
    clock: d.clock,
    revokeSessions: (userId: string, ex: Executor) => authRef.current!.revokeSessions(userId, ex),
  });
  const auth = createAuthService({ db: d.db, audit, users, clock: d.clock, config: d.config, keys: d.keys });
  authRef.current = auth;
  const registry = createRegistryService({ db: d.db, audit, regions, crypto: fieldCrypto, clock: d.clock, events: d.events, jobs: d.jobs, dataDir: d.config.dataDir, spoolKey: d.keys.get('field-encryption') });
  const system = createSystemService({ db: d.db, dbKind: d.dbKind, jobs: d.jobs });
  const assessment = createAssessmentService({ db: d.db, audit, registry, orgs, users, regions, crypto: fieldCrypto, clock: d.clock, events: d.events, jobs: d.jobs, settings: createStoredSettingsProvider(d.db) });
  const visits = createVisitsService({ db: d.db, audit, registry, regions, users, crypto: fieldCrypto, clock: d.clock, events: d.events, jobs: d.jobs, policy: createSettingsVisitPolicyProvider(d.db), assessment });
  const catalogue = createCatalogueService({ db: d.db, audit, regions, clock: d.clock, events: d.events });
  // Programmes and amounts: the published catalogue version in force (helper C's compiledFor).
  const benefits = createBenefitsService({ db: d.db, audit, registry, crypto: fieldCrypto, clock: d.clock, programmes: d.programmes ?? createPackProgrammeProvider((region, asOf) => catalogue.compiledFor(region, asOf)) });
  const payroll = createPayrollService({ db: d.db, audit, registry, benefits, regions, crypto: fieldCrypto, clock: d.clock, jobs: d.jobs });
  const accounts = createAccountsService({ db: d.db, audit, registry, benefits, orgs, clock: d.clock });
  // Who receives what (work lists 应享未享 / 不应享而享) comes from benefits' enrolments.
  const eligibility = createEligibilityService({ db: d.db, audit, registry, catalogue, regions, clock: d.clock, enrolments: benefits });
  return { fieldCrypto, audit, regions, orgs, users, auth, registry, system, assessment, visits, catalogue, eligibility, benefits, payroll, accounts, jobs: d.jobs, events: d.events };
}
export type Services = ReturnType<typeof createServices>;

/** Routes under /api/v1, in the order they appear in the OpenAPI document. */
export const moduleRoutes: Array<{ prefix: string; plugin: FastifyPluginAsync }> = [
  { prefix: '/auth', plugin: authRoutes },
  { prefix: '', plugin: regionRoutes },
  { prefix: '', plugin: orgRoutes },
  { prefix: '', plugin: userRoutes },
  { prefix: '', plugin: registryRoutes },
  { prefix: '', plugin: assessmentRoutes },
  { prefix: '', plugin: auditRoutes },
  { prefix: '', plugin: systemRoutes },
  { prefix: '', plugin: visitsRoutes },
  { prefix: '', plugin: catalogueRoutes },
  { prefix: '', plugin: eligibilityRoutes },
  { prefix: '', plugin: benefitsRoutes },
  { prefix: '', plugin: payrollRoutes },
  { prefix: '', plugin: accountsRoutes },
];
