export { createAuthService, hashToken, type AuthService } from './auth.service';
export { authRoutes } from './auth.routes';
export { SESSION_COOKIE, type AuthenticatedSession } from '../../platform/session';
export { totpNow } from './totp';
