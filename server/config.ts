// Installation settings read from the environment (env.ts; documented in the README).
import { env } from '@/env';

/** The region pages and the API show when none is asked for: Kecamatan Ajibarang. */
export const DEFAULT_REGION_CODE = env.PAYUNG_DEFAULT_REGION;

