import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '@/domain/passwords';

const list = new Set(
  fs.readFileSync(path.join(__dirname, '../../server/auth/common-passwords.txt'), 'utf8').split('\n').filter((line) => line && !line.startsWith('#')),
);
const account = { email: 'dian.kusuma@bpjs.example', name: 'Dian Kusumawati' };
const problem = (password: string) => passwordProblem(password, account, (candidate) => list.has(candidate));

describe('password rules (NIST SP 800-63B)', () => {
  it('refuses what the outside test got accepted', () => {
    expect(problem('aaaaaaaaaa')).toBe('passwordRepetitive');
    expect(problem('1234567890')).toBe('passwordCommon');
    expect(problem('dian.kusuma@bpjs.example')).toBe('passwordPersonal');
    expect(problem(' '.repeat(10))).toBe('passwordTooShort');
  });

  it('refuses short ones, counting a run of spaces once', () => {
    expect(problem('k4t4-s4nd1')).toBeNull();
    expect(problem('k4t4  s4nd')).toBe('passwordTooShort');
  });

  it('refuses common passwords, also with digits and symbols around them', () => {
    for (const password of ['qwertyuiop', 'password123', 'Password2024!', 'bismillah123', '123indonesia', 'Payung-2026!', 'iloveyou12345']) {
      expect(problem(password), password).toBe('passwordCommon');
    }
  });

  it('refuses the e-mail, its name part and the person’s name in any spelling', () => {
    for (const password of ['DianKusuma2026', 'kusumawati-rahasia', 'xx-dian.kusuma-xx']) expect(problem(password), password).toBe('passwordPersonal');
  });

  it('refuses one piece repeated and straight runs', () => {
    for (const password of ['abababababab', '123123123123', 'abcdefghijkl', 'zyxwvutsrqpo']) expect(problem(password), password).toBe('passwordRepetitive');
  });

  it('asks for no digit, capital or symbol, and takes long passphrases', () => {
    expect(problem('kuda lumping menari di alun alun')).toBeNull();
    expect(problem('ombak besar di pantai selatan'.repeat(6))).toBeNull();
    expect(problem('x'.repeat(150) + 'y'.repeat(51))).toBe('passwordTooLong');
  });
});
