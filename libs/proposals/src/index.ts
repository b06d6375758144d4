export * from './matching-run.service';
export * from './matching-scope.loader';
export * from './proposal.writer';
export * from './proposal.query';
export * from './proposals.module';
export * from './why-not-yet.service';
export * from './proposal-lifecycle';
export * from './explanation.scope';
