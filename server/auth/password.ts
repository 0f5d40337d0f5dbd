import { hash, verify } from "@node-rs/argon2";

// Passwords are hashed with argon2id (the library's default algorithm) with its default cost.
export const hashPassword = (plain: string): Promise<string> => hash(plain);
export const verifyPassword = (hashed: string, plain: string): Promise<boolean> =>
  verify(hashed, plain).catch(() => false);

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against `hashed`, or against a throw-away hash when there is no account
 * to check (unknown e-mail, locked account): every answer then costs one hash, so its timing
 * does not tell whether the account exists. Without `hashed` the answer is always false.
 */
export async function verifyPasswordOrDummy(hashed: string | null | undefined, plain: string): Promise<boolean> {
  if (hashed) return verifyPassword(hashed, plain);
  await verifyPassword(await (dummyHash ??= hashPassword("not-an-account-password")), plain);
  return false;
}
