export { buildApp } from './http/app';
export { createAppContext, type AppContext } from './app-context';
export { bootstrap } from './bootstrap';
export { loadConfig, type Config } from './config';
export { openDatabase, type DatabaseHandle, type DatabaseTarget } from './db/client';
export { migrate } from './db/migrate';
