import { Prisma } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/tenant";

// Account lockout and single-use TOTP steps, shared by staff (User) and platform operators
// (PlatformOperator). Each sign-in attempt first claims one of the LOGIN_MAX_FAILURES slots
// with a conditional UPDATE, before the password is checked. Concurrent guesses therefore
// cannot all pass a stale "not locked" read: the database hands the slots out one at a time,
// and once they are taken (or the lock is set) nothing more is checked.

type Account = "User" | "PlatformOperator";
const table = (account: Account) => Prisma.raw(`"${account}"`);

/** The attempt's number (1…max), or null when the account is locked or every slot is in use. */
export async function claimAttempt(tx: Tx, account: Account, id: string, max: number): Promise<number | null> {
  const rows = await tx.$queryRaw<{ n: number }[]>`
    UPDATE ${table(account)} SET "failedLoginCount" = "failedLoginCount" + 1
    WHERE id = ${id} AND "failedLoginCount" < ${max} AND ("lockedUntil" IS NULL OR "lockedUntil" <= now())
    RETURNING "failedLoginCount" AS n`;
  return rows[0]?.n ?? null;
}

/** A wrong password or code on claimed attempt `n`: it stays counted, and the last slot locks the account. */
export async function failAttempt(tx: Tx, account: Account, id: string, n: number, max: number, lockMinutes: number) {
  if (n < max) return;
  await tx.$executeRaw`
    UPDATE ${table(account)} SET "failedLoginCount" = 0, "lockedUntil" = ${new Date(Date.now() + lockMinutes * 60_000)}
    WHERE id = ${id}`;
}

/** The attempt was no failure (right password, second step still to come): give its slot back. */
export async function releaseAttempt(tx: Tx, account: Account, id: string) {
  await tx.$executeRaw`
    UPDATE ${table(account)} SET "failedLoginCount" = GREATEST("failedLoginCount" - 1, 0) WHERE id = ${id}`;
}

/**
 * Marks a TOTP time step as used. False when this or a later step was used already: a replay,
 * or a concurrent request with the same code that got there first.
 */
export async function claimTotpStep(tx: Tx, account: Account, id: string, step: number): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE ${table(account)} SET "totpLastStep" = ${step}
    WHERE id = ${id} AND ("totpLastStep" IS NULL OR "totpLastStep" < ${step})`;
  return changed === 1;
}
