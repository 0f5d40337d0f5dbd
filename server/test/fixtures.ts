import type { Role } from "../db/generated/prisma/enums";
import { createCaller } from "../api/root";
import type { Context } from "../api/trpc";
import { hashPassword } from "../auth/password";
import { viewerFromSession } from "../auth/viewer";
import { withTenant } from "../db/tenant";
import { newId } from "../lib/ids";
import * as sessions from "../modules/auth/sessions";
import * as companies from "../modules/companies/service";

// Builders for integration tests: real companies, users and sessions in the test's database.

export const TEST_PASSWORD = "Test-password-123";
let passwordHash: string | undefined;
let companiesMade = 0;

export async function makeCompany(slug: string, name = `ISP ${slug}`) {
  const { company, user } = await companies.register(
    {
      name,
      slug,
      currency: "USD",
      timeZone: "America/New_York",
      country: "US",
      adminName: "Owner",
      adminEmail: `owner@${slug}.test`,
      password: TEST_PASSWORD,
    },
    // Each from its own address, so that a file's many companies stay within the sign-up limit.
    { label: "test", ip: `10.250.${Math.floor(companiesMade / 250)}.${companiesMade++ % 250}` },
  );
  const ref = (await companies.findBySlug(slug))!;
  return { company: ref, owner: user, full: company };
}

export async function makeUser(
  companyId: string,
  role: Role,
  opts: { email?: string; name?: string; twoFactor?: boolean } = {},
) {
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  return withTenant(companyId, (tx) =>
    tx.user.create({
      data: {
        id: newId(),
        companyId,
        role,
        email: opts.email ?? `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@test.example`,
        name: opts.name ?? `${role} user`,
        passwordHash: passwordHash!,
        // Tests of permissions should not stop at the two-factor gate unless they ask to.
        totpEnabledAt: opts.twoFactor === false ? null : new Date(),
      },
    }),
  );
}

/** A tRPC caller signed in as `userId` on `company`'s subdomain (a real session row). */
export async function callerAs(company: companies.CompanyRef, userId: string) {
  const session = await sessions.create(company.id, userId, "WEB", { ip: "203.0.113.7", userAgent: "vitest" });
  const live = await sessions.validate(company.id, session.id);
  const ctx: Context = { company, viewer: viewerFromSession(live!), ip: "203.0.113.7", userAgent: "vitest" };
  // The caller is a proxy that turns every property into a procedure path, so the extras are
  // served by a wrapping proxy (Object.assign onto it would be unreadable).
  const caller = createCaller(ctx);
  const extras = { ctx, sessionId: session.id };
  return new Proxy(caller, {
    get: (target, key, receiver) =>
      key in extras ? extras[key as keyof typeof extras] : Reflect.get(target, key, receiver),
  }) as typeof caller & typeof extras;
}

/** A caller with no signed-in user, on a company's subdomain or (company null) the root domain. */
export function anonymousCaller(company: companies.CompanyRef | null) {
  return createCaller({ company, viewer: null, ip: "198.51.100.9", userAgent: "vitest" });
}
