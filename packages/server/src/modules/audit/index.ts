export { createAuditService, type AuditService, type AuditRecord, type VerifyResult } from './audit.service';
export { auditRoutes } from './audit.routes';
export { maskForAudit } from './audit-masking';
