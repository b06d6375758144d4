import { Module } from '@nestjs/common';
import { OutboxDelivery } from './outbox-delivery';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';

/**
 * OutboxService for writers (imported by each context that emits events); OutboxRelay publishes
 * (started by the API app only).
 */
@Module({
  providers: [OutboxService, OutboxDelivery],
  exports: [OutboxService, OutboxDelivery],
})
export class OutboxModule {}

@Module({
  imports: [OutboxModule],
  providers: [OutboxRelay],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
