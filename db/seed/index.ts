// Seeding entry points: the synthetic Ajibarang demo, the whole-Banyumas scale data, and helpers to
// check for and clear existing data.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../index';
import { clearDatabaseTables } from './util';

export { seedDemo, generateDemo, type SeedDemoOptions } from './demo';
export { seedScale, type SeedScaleOptions } from './scale';
export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from './demo-users';
export { insertReferenceData, REFERENCE_RATES } from './reference';
export { countRows, DOMAIN_TABLES, type SeedCounts } from './util';

/** True when the database holds no regions (nothing has been seeded or imported). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await queryRows<{ empty: boolean }>(db, sql`select not exists (select 1 from regions) as empty`);
  return rows[0]?.empty === true;
}

/** Empties every domain table (users, audit log and settings included) and restarts their ids. */
export async function clearDatabase(db: Database): Promise<void> {
  await clearDatabaseTables(db);
}
