/**
 * Import boundaries (architecture guide §4), checked in `npm test`:
 *  1. core is browser-safe and does no I/O: no server, no web, no Node built-ins, no drivers.
 *  2. web never imports server.
 *  3. route files never reach repositories or the database layer.
 *  4. a module reaches another module only through that module's index.ts.
 *  5. no circular imports.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'packages/core runs in the browser: no Node built-ins, database drivers or HTTP frameworks',
      from: { path: '^packages/core/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-drivers',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { path: 'node_modules/(pg|kysely|@electric-sql|fastify|exceljs|csv-parse|pino)/' },
    },
    {
      name: 'core-not-upwards',
      severity: 'error',
      from: { path: '^packages/core' },
      to: { path: '^packages/(server|web)' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      from: { path: '^packages/web' },
      to: { path: '^packages/server' },
    },
    {
      name: 'routes-not-repositories',
      severity: 'error',
      comment: 'routes call their service; SQL lives in repositories',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '(\\.repository\\.ts$|/src/db/)' },
    },
    {
      name: 'modules-through-index',
      severity: 'error',
      comment: 'a module imports another module only through its index.ts',
      from: { path: '^packages/server/src/modules/([^/]+)/' },
      to: {
        path: '^packages/server/src/modules/([^/]+)/(?!index\\.ts$)',
        pathNot: '^packages/server/src/modules/$1/',
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|\\.test\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
