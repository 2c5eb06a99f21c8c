import { Global, Module } from '@nestjs/common';
import { AuditResolver } from './audit.resolver';
import { AuditEntryRepository } from './audit-entry.repository';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditEntryRepository, AuditService, AuditResolver], exports: [AuditService] })
export class AuditModule {}
