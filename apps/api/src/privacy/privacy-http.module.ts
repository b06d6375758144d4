import { Module } from '@nestjs/common';
import { PrivacyModule } from '@km/privacy';
import { EmployerExportController } from './employer-export.controller';
import { NeedExportController } from './need-export.controller';

/** Personal-data exports: per employer (admin) and per need (tracking token). */
@Module({
  imports: [PrivacyModule],
  controllers: [EmployerExportController, NeedExportController],
})
export class PrivacyHttpModule {}
