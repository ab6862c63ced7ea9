export { createAccountsService, type AccountsService, DEFAULT_EXPIRY_MONTHS } from './accounts.service';
export { accountsRoutes } from './accounts.routes';
