/**
 * Everything a running Yiyang needs, built once: configuration, database, keys, clock, logger,
 * job queue and the module services. The HTTP app, the CLI and the tests all start from here.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { loadKeys, type Keys } from './crypto/keys';
import { openDatabase, type DatabaseHandle } from './db/client';
import type { Db } from './db/database';
import { createEventBus, type EventBus } from './jobs/events';
import { createJobQueue, type JobQueue } from './jobs/queue';
import { createServices, type Services } from './modules';
import { systemClock, type Clock } from './platform/clock';

export interface AppContext {
  config: Readonly<Config>;
  db: Db;
  dbHandle: DatabaseHandle;
  clock: Clock;
  keys: Keys;
  log: Logger;
  jobs: JobQueue;
  events: EventBus;
  services: Services;
  close(): Promise<void>;
}

/** Field names whose values never reach the application log (security target 10). */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.new_password',
  '*.current_password',
  '*.totp_code',
  '*.id_number',
  '*.phone',
  '*.bank_account',
];

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: LOG_REDACT, censor: '[redacted]' },
    serializers: {
      // Query strings may carry search terms such as an ID number: log the path only.
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
        ip: req.ip,
      }),
    },
  });
}

export async function createAppContext(opts: {
  config: Readonly<Config>;
  dbHandle?: DatabaseHandle;
  clock?: Clock;
  keys?: Keys;
  log?: Logger;
}): Promise<AppContext> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const dbHandle =
    opts.dbHandle ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, poolSize: config.dbPoolSize }
        : { kind: 'pglite', dataDir: `${config.dataDir}/pglite` },
    ));
  const keys = opts.keys ?? (await loadKeys({ secretKey: config.secretKey, dataDir: config.dataDir }));
  const jobs = createJobQueue({ db: dbHandle.db, clock, log });
  const events = createEventBus(jobs);
  const services = createServices({ db: dbHandle.db, dbKind: dbHandle.kind, config, keys, clock, log, jobs, events });
  return {
    config,
    db: dbHandle.db,
    dbHandle,
    clock,
    keys,
    log,
    jobs,
    events,
    services,
    async close() {
      await jobs.stop();
      await dbHandle.close();
    },
  };
}
