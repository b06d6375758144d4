import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global, so any context can write audit rows in its own transactions. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
