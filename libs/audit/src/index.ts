export * from './audit.module';
export * from './audit.service';
export * from './audit-entry.entity';
export * from './json-scalar';
import { AuditLog1763800000300 } from './migrations/1763800000300-audit-log';
import { AuditEntryEntity } from './audit-entry.entity';
export const AUDIT_MIGRATIONS = [AuditLog1763800000300];
export const AUDIT_ENTITIES = [AuditEntryEntity];
