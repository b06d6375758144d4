export * from './notification.templates';
export * from './notification.service';
export * from './mail.transport';
export * from './tracking-link.vault';
export * from './notification.dispatcher';
export * from './notifications.module';
