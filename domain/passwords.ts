// The password rules of NIST SP 800-63B: long enough, not a known common password, not the account's
// own e-mail or name, not a run of one character or a sequence. No composition rules (a digit, a
// capital, a symbol): they push people to "Password1!" and forbid good passphrases, which are welcome,
// spaces and all, and may be pasted. The list itself is read by the server (server/auth/password-policy.ts).

export const MIN_PASSWORD_LENGTH = 10;
/** Long passphrases are welcome; bcrypt reads the first 72 bytes of what is stored. */
export const MAX_PASSWORD_LENGTH = 200;

/** Catalogue keys under `admin`: what is wrong with a password, for the form beside it. */
export type PasswordProblem = 'passwordTooShort' | 'passwordTooLong' | 'passwordCommon' | 'passwordPersonal' | 'passwordRepetitive';

/** Characters as a person counts them: Unicode normalised, runs of spaces as one, none at the ends. */
function counted(password: string): string[] {
  return [...password.normalize('NFKC').replace(/\s+/g, ' ').trim()];
}

const compact = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** One short piece repeated (aaaaaaaaaa, abababab, 123123123) or a straight run (abcdefghij, 9876543210). */
function isRepetitive(text: string): boolean {
  if (text.length === 0) return true;
  for (let unit = 1; unit <= 4 && unit * 2 <= text.length; unit++) {
    if (text === text.slice(0, unit).repeat(Math.ceil(text.length / unit)).slice(0, text.length)) return true;
  }
  const codes = [...text].map((char) => char.codePointAt(0)!);
  const step = codes[1]! - codes[0]!;
  return Math.abs(step) === 1 && codes.every((code, i) => i === 0 || code - codes[i - 1]! === step);
}

/**
 * What is wrong with a new password for this account, or null. `isCommon` says whether a lowercase text
 * is on the list of common passwords; the password is tried as typed, without its separators, and
 * without the digits and symbols around it (`Password2024!` is `password`).
 */
export function passwordProblem(
  password: string,
  account: { email: string; name: string },
  isCommon: (candidate: string) => boolean,
): PasswordProblem | null {
  const characters = counted(password);
  if (characters.length < MIN_PASSWORD_LENGTH) return 'passwordTooShort';
  if ([...password].length > MAX_PASSWORD_LENGTH) return 'passwordTooLong';

  const lower = characters.join('').toLowerCase();
  const letters = compact(password);
  if (isRepetitive(letters)) return 'passwordRepetitive';

  const email = account.email.trim().toLowerCase();
  const personal = [compact(email), compact(email.split('@')[0] ?? ''), compact(account.name), ...account.name.split(/\s+/).map(compact)];
  if (personal.some((part) => part.length >= 4 && letters.includes(part))) return 'passwordPersonal';

  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const candidates = [lower, letters, core, compact(core)].filter((candidate) => candidate.length >= 4);
  if (candidates.some(isCommon)) return 'passwordCommon';
  return null;
}
