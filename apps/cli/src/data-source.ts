import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@km/config';
import { dataSourceOptions } from '@km/database';
import { ENTITIES } from './entities';

/** The DataSource for the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl, ENTITIES));
