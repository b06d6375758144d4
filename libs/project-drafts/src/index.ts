/**
 * @km/project-drafts — ESF project drafts: the pure document (figures, call rules, horizontal
 * criteria, CSV) and the writer of the living drafts that every run of a county recomputes.
 */
export * from './domain/project-draft.types';
export * from './domain/project-draft.view';
export * from './domain/project-draft.composer';
export * from './domain/project-draft.csv';
export * from './domain/swedish-format';
export * from './living-draft.writer';
export * from './project-drafts.module';
