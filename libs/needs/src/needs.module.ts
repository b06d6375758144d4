import { Module } from '@nestjs/common';
import { ReferenceModule } from '@km/reference';
import { NeedsService } from './needs.service';

@Module({
  imports: [ReferenceModule],
  providers: [NeedsService],
  exports: [NeedsService],
})
export class NeedsModule {}
