// The environment is read once, at start, by one schema (env/index.ts): defaults as the README lists
// them, and a bad value refused with the variable's name.
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/env';

describe('environment', () => {
  it('defaults what is unset or empty', () => {
    expect(parseEnv({ DATABASE_URL: '', PAYUNG_DEMO: '' })).toMatchObject({
      DATABASE_URL: undefined,
      DATABASE_POOL_SIZE: 10,
      PAYUNG_DEFAULT_REGION: '33.02.14',
      PAYUNG_DEMO: true,
      PAYUNG_WORKER_INDEX: 0,
      PAYUNG_FIGURES_CACHE: true,
    });
  });

  it('reads the switches and numbers', () => {
    expect(parseEnv({ PAYUNG_DEMO: 'OFF', PAYUNG_FIGURES_CACHE: 'off', DATABASE_POOL_SIZE: '4', PAYUNG_WORKER_INDEX: '2' })).toMatchObject({
      PAYUNG_DEMO: false,
      PAYUNG_FIGURES_CACHE: false,
      DATABASE_POOL_SIZE: 4,
      PAYUNG_WORKER_INDEX: 2,
    });
  });

  it('refuses a bad value naming the variable', () => {
    for (const [name, value] of [
      ['DATABASE_POOL_SIZE', 'ten'],
      ['DATABASE_POOL_SIZE', '0'],
      ['PAYUNG_DEMO', 'maybe'],
      ['PAYUNG_DEFAULT_REGION', 'Ajibarang'],
      ['DATABASE_URL', 'mysql://localhost/payung'],
      ['PAYUNG_WORKER_INDEX', '-1'],
    ] as const) {
      expect(() => parseEnv({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(`${name}:`));
    }
  });
});
