import { describe, expect, it } from 'vitest';
import { sameSitePath } from '@/domain/navigation';

describe('sameSitePath', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(sameSitePath('/villages?period=2026-01#table')).toBe('/villages?period=2026-01#table');
    expect(sameSitePath('/')).toBe('/');
  });

  it('sends anything leading to another site to /', () => {
    for (const value of ['/\\evil.example/phish', '/\t/evil.example/phish', '/\n/evil.example', '//evil.example', '/\\/evil.example',
      'https://evil.example/', 'evil.example', 'javascript:alert(1)', '', null, undefined]) {
      expect(sameSitePath(value)).toBe('/');
    }
  });
});
