import { Global, Module } from '@nestjs/common';
import { OutboxDelivery } from './outbox-delivery';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';

/** OutboxService for writers; OutboxRelay publishes (started by the API app only). */
@Global()
@Module({
  providers: [OutboxService, OutboxDelivery],
  exports: [OutboxService, OutboxDelivery],
})
export class OutboxModule {}

@Module({
  providers: [OutboxRelay],
  exports: [OutboxRelay],
})
export class OutboxRelayModule {}
