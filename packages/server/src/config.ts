/**
 * Configuration, parsed once from the environment into a frozen object (architecture guide §12).
 * No NODE_ENV branching: every behaviour has its own explicit setting.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  YIYANG_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  YIYANG_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  YIYANG_ADMIN_PASSWORD: z.string().optional(),
  YIYANG_DEMO: bool.optional(),
  YIYANG_SECRET_KEY: z.string().optional(),
  YIYANG_COOKIE_SECURE: bool.default(false),
  YIYANG_ALLOWED_ORIGINS: z.string().default(''),
  YIYANG_TRUST_PROXY: bool.default(false),
  YIYANG_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  YIYANG_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  YIYANG_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  YIYANG_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  YIYANG_LOGIN_IP_LIMIT: z.coerce.number().int().min(1).default(30),
  YIYANG_WEB_DIR: z.string().optional(),
  YIYANG_JOBS: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  adminPassword: string | undefined;
  demo: boolean;
  secretKey: string | undefined;
  cookieSecure: boolean;
  allowedOrigins: string[];
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  lockoutThreshold: number;
  lockoutMs: number;
  loginIpLimit: number;
  webDir: string;
  jobs: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.YIYANG_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.YIYANG_DB_POOL_SIZE,
    adminPassword: e.YIYANG_ADMIN_PASSWORD || undefined,
    // Demo data is on by default for the embedded database only (issue #2 §3).
    demo: e.YIYANG_DEMO ?? !e.DATABASE_URL,
    secretKey: e.YIYANG_SECRET_KEY || undefined,
    cookieSecure: e.YIYANG_COOKIE_SECURE,
    allowedOrigins: e.YIYANG_ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: e.YIYANG_TRUST_PROXY,
    sessionIdleMs: e.YIYANG_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.YIYANG_SESSION_MAX_HOURS * 3600_000,
    lockoutThreshold: e.YIYANG_LOCKOUT_THRESHOLD,
    lockoutMs: e.YIYANG_LOCKOUT_MINUTES * 60_000,
    loginIpLimit: e.YIYANG_LOGIN_IP_LIMIT,
    webDir: resolve(e.YIYANG_WEB_DIR ?? `${REPO_ROOT}packages/web/dist`),
    jobs: e.YIYANG_JOBS,
    logLevel: e.LOG_LEVEL,
  });
}

/** Documented configuration, printed by `yiyang config` and mirrored in the README table. */
export const CONFIG_DOC: Array<{ name: string; default: string; description: string }> = [
  { name: 'PORT', default: '3000', description: 'HTTP port of the API and web app' },
  { name: 'HOST', default: '0.0.0.0', description: 'Interface to listen on' },
  { name: 'YIYANG_DATA_DIR', default: './data', description: 'Embedded database and generated keys' },
  { name: 'DATABASE_URL', default: '(unset: embedded PGlite)', description: 'postgres://… to use a PostgreSQL 15+ server' },
  { name: 'YIYANG_ADMIN_PASSWORD', default: '(generated, printed once)', description: 'Initial password of `admin` on first start' },
  { name: 'YIYANG_DEMO', default: 'on for embedded, off for a server', description: 'Load demo data of the four seed localities' },
  { name: 'YIYANG_SECRET_KEY', default: '(generated into the data dir)', description: 'Master key (≥32 bytes, hex or base64) for field encryption, blind indexes, TOTP secrets and the audit chain' },
  { name: 'YIYANG_COOKIE_SECURE', default: 'false', description: 'Mark the session cookie Secure (set behind HTTPS)' },
  { name: 'YIYANG_ALLOWED_ORIGINS', default: '(same host)', description: 'Extra origins allowed to make unsafe requests' },
  { name: 'YIYANG_TRUST_PROXY', default: 'false', description: 'Trust X-Forwarded-For from a reverse proxy' },
  { name: 'YIYANG_SESSION_IDLE_MINUTES', default: '30', description: 'Idle timeout of a session' },
  { name: 'YIYANG_SESSION_MAX_HOURS', default: '12', description: 'Absolute lifetime of a session' },
  { name: 'YIYANG_LOCKOUT_THRESHOLD', default: '5', description: 'Failed logins before an account locks' },
  { name: 'YIYANG_LOCKOUT_MINUTES', default: '15', description: 'How long a locked account stays locked' },
  { name: 'YIYANG_LOGIN_IP_LIMIT', default: '30', description: 'Failed logins per client IP per 15 minutes' },
  { name: 'YIYANG_DB_POOL_SIZE', default: '10', description: 'Connections to a PostgreSQL server' },
  { name: 'YIYANG_JOBS', default: 'true', description: 'Run the background job worker in this process' },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino log level' },
];
