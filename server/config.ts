// Installation settings read from the environment (documented in the README).

/** The region pages and the API show when none is asked for: Kecamatan Ajibarang. */
export const DEFAULT_REGION_CODE = process.env.PAYUNG_DEFAULT_REGION ?? '33.02.14';

