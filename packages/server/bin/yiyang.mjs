#!/usr/bin/env node
// Entry point of the `yiyang` CLI: runs the TypeScript sources through tsx (see docs/adr/0002).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
});
if (code >= 0) process.exit(code);
