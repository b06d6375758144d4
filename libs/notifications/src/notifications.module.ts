import { Module } from '@nestjs/common';
import { MailTransport } from './mail.transport';
import { NotificationService } from './notification.service';
import { TrackingLinkVault } from './tracking-link.vault';

/**
 * NotificationService (writes rows in the caller's transaction), the mail transport and the
 * tracking-link vault. The NotificationDispatcher is provided by the app that sends: the matcher.
 */
@Module({
  providers: [NotificationService, MailTransport, TrackingLinkVault],
  exports: [NotificationService, MailTransport, TrackingLinkVault],
})
export class NotificationsModule {}
