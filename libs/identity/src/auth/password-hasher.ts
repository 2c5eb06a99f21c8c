import * as argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes); enough on a 2-core host without starving requests.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/** Spends the same time as a real check, so an unknown username cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('not-a-real-password-but-the-same-cost');
  await verifyPassword(await dummy, password);
  return false;
}

export const PASSWORD_MIN_LENGTH = 12;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'CONTAINS_USERNAME';

/** Why a new password is refused, or null. Length over composition rules (NIST SP 800-63B). */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if (password.length > 256) return 'TOO_LONG';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'CONTAINS_USERNAME';
  return null;
}
