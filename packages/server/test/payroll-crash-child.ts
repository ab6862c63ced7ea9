/**
 * Child process for the payroll crash test: opens the test schema on PostgreSQL and resumes a
 * cycle's computation, killing itself with SIGKILL after the given page (mid-transaction).
 * argv: <url> <schema> <cycle id> <page size> <kill after page>
 */
import pino from 'pino';
import { createAppContext } from '../src/app-context';
import { openDatabase } from '../src/db/client';
import { ephemeralKeys } from '../src/crypto/keys';
import { loadConfig } from '../src/config';

const [url, schema, cycleId, pageSize, killAfter] = process.argv.slice(2) as [string, string, string, string, string];
const dbHandle = await openDatabase({ kind: 'postgres', url, schema, poolSize: 2 });
const ctx = await createAppContext({ config: loadConfig({ YIYANG_DATA_DIR: '/tmp/yiyang-test-unused', YIYANG_ADMIN_PASSWORD: 'Root-Passw0rd!', YIYANG_DEMO: 'false', YIYANG_JOBS: 'false', LOG_LEVEL: 'silent' }), dbHandle, keys: ephemeralKeys(), log: pino({ level: 'silent' }) });
await ctx.services.payroll.resume(cycleId, {
  pageSize: Number(pageSize),
  afterPage: (p) => {
    if (p === Number(killAfter)) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without being killed\n');
process.exit(0);
