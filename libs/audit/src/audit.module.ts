import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** AuditService writes audit rows in the caller's transaction; a module that audits imports this. */
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
