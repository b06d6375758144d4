import { Module } from '@nestjs/common';
import { NotificationsModule } from '@km/notifications';
import { ReferenceModule } from '@km/reference';
import { NeedsService } from './needs.service';

@Module({
  imports: [ReferenceModule, NotificationsModule],
  providers: [NeedsService],
  exports: [NeedsService],
})
export class NeedsModule {}
