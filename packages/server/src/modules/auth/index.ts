export { createAuthService, hashToken, type AuthService, type AuthenticatedSession } from './auth.service';
export { authRoutes, SESSION_COOKIE } from './auth.routes';
export { totpNow } from './totp';
