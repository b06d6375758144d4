export * from './broker.errors';
export * from './broker-scope';
export * from './transaction-retry';
export * from './proposal-decision.service';
export * from './initiatives.service';
export * from './project-drafts.service';
export * from './initiatives.module';
export * from './broker-workspace.service';
