// Seeding entry points: the synthetic Ajibarang demo, the whole-Banyumas scale data, and helpers to
// check for and clear existing data.
import type { Database } from '../index';
import { clearDatabaseTables, holdsOfficeData } from './util';

export { seedDemo, generateDemo, type SeedDemoOptions } from './demo';
export { seedScale, SCALES, type ScaleName, type SeedScaleOptions } from './scale';
export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users';
export { countRows, DOMAIN_TABLES, type SeedCounts } from './util';

/** True when the database holds no office data (no user, community, agent or member): the demo may go in. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  return !(await holdsOfficeData(db));
}

/** Empties every domain table (users, audit log and settings included) and restarts their ids. */
export async function clearDatabase(db: Database): Promise<void> {
  await clearDatabaseTables(db);
}
