import { z } from "zod";
import { hashPassword, verifyPasswordOrDummy } from "../../auth/password";
import { passwordSchema } from "../../auth/password-policy";
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpUri, verifyTotp } from "../../auth/totp";
import { withPlatform, withoutTenant } from "../../db/tenant";
import { seal, sha256, unseal } from "../../lib/crypto";
import { DomainError, TooManyRequests, Unauthorized } from "../../lib/errors";
import { env } from "../../lib/env";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import { SecondFactorRequired } from "../auth/credentials";
import { claimAttempt, claimTotpStep, failAttempt, releaseAttempt } from "../auth/lockout";
import * as rateLimit from "../auth/rate-limit";

// The SaaS operator (not an ISP). RLS lets the platform scope read the company list and
// nothing else: users, customers and every other tenant table stay invisible to it.

const operatorLoginSchema = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(200),
  totp: z.string().trim().max(20).optional(),
  recoveryCode: z.string().trim().max(20).optional(),
});

export class OperatorTwoFactorMissing extends DomainError {
  constructor() {
    super(
      "UNAUTHORIZED",
      "Operators need two-factor authentication: run `npm run platform:operator -- --totp <email>` on the server first.",
    );
  }
}

const BAD = () => new Unauthorized("E-mail or password is incorrect.");
const ATTEMPTS_KEPT_MS = 24 * 3600_000;
type Outcome = { ok: true; operator: { id: string; email: string; name: string } } | { ok: false; error: DomainError };

/**
 * Operator sign-in, with the protections of staff sign-in (server/modules/auth/credentials.ts):
 * a failed-attempt limit per address, lockout per account, one hash for unknown and locked
 * accounts alike, and a TOTP code or a single-use recovery code (required in production).
 */
export async function verifyOperator(input: z.input<typeof operatorLoginSchema>, ip: string) {
  const data = operatorLoginSchema.parse(input);
  const e = env();
  // Failed attempts per address, in the shared state so that every app instance counts them.
  const limits = [{ key: ["platform.login.failed", "ip", ip], max: e.LOGIN_RATE_LIMIT_PER_15_MIN, windowSeconds: 900 }];
  const [usedUp] = await rateLimit.usedUp(limits);
  if (usedUp) throw new TooManyRequests("Too many sign-in attempts from your network. Try again in 15 minutes.");
  const claim = await withoutTenant(async (tx) => {
    const operator = await tx.platformOperator.findUnique({ where: { email: data.email } });
    const n = operator ? await claimAttempt(tx, "PlatformOperator", operator.id, e.LOGIN_MAX_FAILURES) : null;
    return { operator, n };
  });
  const { operator, n } = claim;
  const passwordOk = await verifyPasswordOrDummy(n !== null ? operator?.passwordHash : null, data.password);
  let failed = false;
  const outcome = await withoutTenant(async (tx): Promise<Outcome> => {
    const attempt = async (success: boolean) => {
      failed = !success;
      await tx.platformLoginAttempt.create({ data: { id: newId(), email: data.email, ip, success } });
      // Only the last 15 minutes count (the limit above); a day is kept for whoever looks into an
      // attack. Deleting here keeps the table that small without a job to schedule.
      await tx.platformLoginAttempt.deleteMany({
        where: { createdAt: { lt: new Date(Date.now() - ATTEMPTS_KEPT_MS) } },
      });
    };
    const codeRefused = async (message: string): Promise<Outcome> => {
      await attempt(false);
      await failAttempt(tx, "PlatformOperator", operator!.id, n!, e.LOGIN_MAX_FAILURES, e.LOGIN_LOCKOUT_MINUTES);
      return { ok: false, error: new Unauthorized(message) };
    };
    if (!operator || n === null || !passwordOk) {
      await attempt(false);
      if (operator && n !== null)
        await failAttempt(tx, "PlatformOperator", operator.id, n, e.LOGIN_MAX_FAILURES, e.LOGIN_LOCKOUT_MINUTES);
      return { ok: false, error: BAD() };
    }
    if (!operator.totpEnabledAt || !operator.totpSecret) {
      if (e.NODE_ENV === "production") {
        await releaseAttempt(tx, "PlatformOperator", operator.id);
        return { ok: false, error: new OperatorTwoFactorMissing() };
      }
    } else if (data.recoveryCode) {
      // Single-use, like a staff member's: spent by a conditional update that must change one row.
      const spent = await tx.platformRecoveryCode.updateMany({
        where: { operatorId: operator.id, codeHash: sha256(normaliseRecoveryCode(data.recoveryCode)), usedAt: null },
        data: { usedAt: new Date() },
      });
      if (spent.count !== 1) return codeRefused("That recovery code is not valid or was already used.");
    } else if (!data.totp) {
      await releaseAttempt(tx, "PlatformOperator", operator.id);
      return { ok: false, error: new SecondFactorRequired() };
    } else {
      const step = verifyTotp(unseal(operator.totpSecret), data.totp, operator.totpLastStep);
      if (step === null || !(await claimTotpStep(tx, "PlatformOperator", operator.id, step)))
        return codeRefused("That code is not valid or was already used. Wait for the next code and try again.");
    }
    await attempt(true);
    await tx.platformOperator.update({ where: { id: operator.id }, data: { failedLoginCount: 0 } });
    return { ok: true, operator: { id: operator.id, email: operator.email, name: operator.name } };
  });
  if (!outcome.ok) {
    if (failed) await rateLimit.count(limits);
    throw outcome.error;
  }
  return outcome.operator;
}

export const operatorSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  name: z.string().trim().min(2).max(120),
  password: passwordSchema,
});

/** Creates or updates an operator (CLI: npm run platform:operator). */
export async function upsertOperator(input: z.input<typeof operatorSchema>) {
  const data = operatorSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return withoutTenant((tx) =>
    tx.platformOperator.upsert({
      where: { email: data.email },
      create: { id: newId(), email: data.email, name: data.name, passwordHash },
      update: { name: data.name, passwordHash },
      select: { id: true, email: true, name: true },
    }),
  );
}

/** Creates an operator unless one has that e-mail; an existing operator's password is never touched (demo seed). */
export async function ensureOperator(input: z.input<typeof operatorSchema>): Promise<void> {
  const data = operatorSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  await withoutTenant((tx) =>
    tx.platformOperator.createMany({
      data: [{ id: newId(), email: data.email, name: data.name, passwordHash }],
      skipDuplicates: true,
    }),
  );
}

/**
 * Gives an operator a new authenticator secret, active at once (CLI: whoever runs it already
 * holds the server), and ten new recovery codes for when the phone is lost; earlier codes stop
 * working. Returns the otpauth:// URI to load into the app and the codes, shown this once.
 */
export async function enrolOperatorTotp(email: string): Promise<{ uri: string; recoveryCodes: string[] }> {
  const secret = newTotpSecret();
  const recoveryCodes = newRecoveryCodes();
  const operator = await withoutTenant(async (tx) => {
    const op = await tx.platformOperator.update({
      where: { email: email.trim().toLowerCase() },
      data: { totpSecret: seal(secret), totpEnabledAt: new Date(), totpLastStep: null },
    });
    await tx.platformRecoveryCode.deleteMany({ where: { operatorId: op.id } });
    await tx.platformRecoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ id: newId(), operatorId: op.id, codeHash: sha256(normaliseRecoveryCode(c)) })),
    });
    return op;
  });
  return { uri: totpUri(secret, operator.email, "Lastmile operator"), recoveryCodes };
}

export const listCompaniesSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  search: z.string().trim().max(100).optional(),
});

export async function listCompanies(input: z.input<typeof listCompaniesSchema>) {
  const f = listCompaniesSchema.parse(input);
  const pageSize = 25;
  const where = f.search
    ? {
        OR: [
          { name: { contains: f.search, mode: "insensitive" as const } },
          { slug: { contains: f.search.toLowerCase() } },
        ],
      }
    : {};
  return withPlatform(async (tx) => {
    return listPage(
      { page: f.page, pageSize },
      {
        count: () => tx.company.count({ where }),
        rows: (window) =>
          tx.company.findMany({
            where,
            orderBy: { createdAt: "desc" },
            select: {
              id: true,
              name: true,
              slug: true,
              country: true,
              currency: true,
              timeZone: true,
              createdAt: true,
            },
            ...window,
          }),
      },
    );
  });
}
