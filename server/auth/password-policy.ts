import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { passwordProblem, type PasswordProblem } from '@/domain/passwords';

/** The shipped list (server/auth/common-passwords.txt), read once per process. */
let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(path.join(process.cwd(), 'server', 'auth', 'common-passwords.txt'), 'utf8');
    common = new Set(text.split('\n').filter((line) => line && !line.startsWith('#')));
  }
  return common;
}

/** Every new password passes here: user:create, the admin's new-user and reset forms. */
export function checkNewPassword(password: string, account: { email: string; name: string }): PasswordProblem | null {
  const list = commonPasswords();
  return passwordProblem(password, account, (candidate) => list.has(candidate));
}
