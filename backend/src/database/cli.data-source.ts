import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source.options';

/** Used by the TypeORM CLI (scripts/typeorm.mjs starts the embedded database first when needed). */
const config = AppConfig.fromEnv();
if (!config.databaseUrl) throw new Error('DATABASE_URL must be set for the TypeORM CLI');
export default new DataSource(dataSourceOptions(config.databaseUrl));
