export { createAccountsService, type AccountsService, DEFAULT_EXPIRY_MONTHS } from './accounts.service';
export { accountsRoutes } from './accounts.routes';
export { seedAccountsDemo, DEMO_ORDER_AMOUNTS, type AccountsDemoHost, type AccountsDemoResult } from './accounts.demo';
