import { ReferenceData1764000000000 } from './1764000000000-ReferenceData';

/** Every migration in order; the DataSource and the test template both run exactly these. */
export const MIGRATIONS = [ReferenceData1764000000000];
