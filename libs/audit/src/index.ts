export * from './audit.module';
export * from './audit.service';
export * from './audit-entry.entity';
import { AuditEntryEntity } from './audit-entry.entity';
export const AUDIT_ENTITIES = [AuditEntryEntity];
export * from './errors/audit-error-code';
