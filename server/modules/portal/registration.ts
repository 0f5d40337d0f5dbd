import { createElement } from "react";
import { SignUpExistingEmail } from "../../../emails/sign-up-existing";
import { hashPassword } from "../../auth/password";
import { withTenant } from "../../db/tenant";
import { env } from "../../lib/env";
import { NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import * as rateLimit from "../auth/rate-limit";
import * as customers from "../customers/service";
import * as packages from "../packages/service";
import type { CompanyRef } from "../companies/service";
import type { Actor, Scope } from "../scope";
import * as serviceRequests from "../service-requests/service";
import { todayIn } from "../subscriptions/dates";
import * as users from "../users/service";
import { sendLink } from "./email-verification";
import { portalRegistrationSchema, type PortalRegistrationInput } from "./schema";

// A customer signs up online: a portal login (unconfirmed until the e-mailed link is followed),
// a pending customer, and — when they chose a package — a new-service request staff approve.
// Staff onboarding in the office creates the same customer and request (customers + service
// requests modules); this only adds the self-service login and the e-mail proof.

/** Packages a visitor may choose: public and not archived. */
export async function publicPackages(companyId: string) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "portal" } };
    const { rows } = await packages.list(scope, {
      visibility: "PUBLIC",
      archived: "active",
      pageSize: 100,
      sort: "priceMinor",
      direction: "asc",
    });
    return rows.map((p) => ({
      id: p.id,
      name: p.name,
      type: p.type,
      downloadKbps: p.downloadKbps,
      uploadKbps: p.uploadKbps,
      priceMinor: p.priceMinor,
      billingCycle: p.billingCycle,
      description: p.description,
    }));
  });
}

/** Sign-ups per e-mail address per hour: each may send a mail to that address. */
const SIGNUPS_PER_EMAIL_PER_HOUR = 3;

/**
 * Anyone can call this, so the cheap checks come first (the per-address and per-e-mail limits,
 * the e-mail being new, the chosen package) and the password hash last, outside any transaction:
 * a refused request costs no hash and a hashing one holds no pool connection.
 */
export async function register(company: CompanyRef, input: PortalRegistrationInput, meta: Omit<Actor, "type">) {
  const data = portalRegistrationSchema.parse(input);
  await rateLimit.enforce(
    [
      {
        key: ["portal.register", company.id, "ip", meta.ip ?? "unknown"],
        max: env().SIGNUP_LIMIT_PER_HOUR,
        windowSeconds: 3600,
      },
      {
        key: ["portal.register", company.id, "email", data.email],
        max: SIGNUPS_PER_EMAIL_PER_HOUR,
        windowSeconds: 3600,
      },
    ],
    "Too many sign-ups from your network or for this e-mail address. Try again in an hour.",
  );
  const known = await withTenant(company.id, async (tx) => {
    const scope: Scope = { tx, companyId: company.id, actor: { ...meta, type: "SYSTEM", label: "portal" } };
    if (await tellExistingOwner(scope, company, data.email)) return true;
    if (data.packageId) await offeredPackage(scope, data.packageId);
    return false;
  });
  // A known address is answered like a new one, after the same hash, so neither the answer nor
  // its timing tells who is on file.
  const passwordHash = await hashPassword(data.password);
  if (known) return { email: data.email };
  return withTenant(company.id, async (tx) => {
    const lookup: Scope = { tx, companyId: company.id, actor: { ...meta, type: "SYSTEM", label: "portal" } };
    // The same address may have signed up in the meantime.
    if (await tellExistingOwner(lookup, company, data.email)) return { email: data.email };
    const userId = newId();
    const scope: Scope = { tx, companyId: company.id, actor: { ...meta, type: "USER", id: userId, label: data.email } };
    const user = await users.createAccount(scope, {
      id: userId,
      email: data.email,
      name: `${data.firstName} ${data.lastName}`,
      role: "CUSTOMER",
      passwordHash,
      emailUnverified: true,
    });
    const customer = await customers.create(scope, {
      type: "INDIVIDUAL",
      status: "PENDING",
      firstName: data.firstName,
      lastName: data.lastName,
      email: data.email,
      phone: data.phone,
      serviceAddress: data.serviceAddress,
    });
    await customers.linkPortalUser(scope, customer.id, userId);
    if (data.packageId) {
      await offeredPackage(scope, data.packageId);
      const today = todayIn(company.timeZone);
      await serviceRequests.create(scope, {
        customerId: customer.id,
        kind: "NEW_SERVICE",
        packageId: data.packageId,
        newAddress: data.serviceAddress,
        effectiveDate: today,
        note: "Requested online through the customer portal.",
      });
    }
    await audit.record(scope, {
      action: "customer.self_register",
      entityType: "Customer",
      entityId: customer.id,
      after: { email: data.email, packageId: data.packageId ?? null },
    });
    await sendLink(scope, company, { id: user.id, email: user.email, name: data.firstName });
    return { email: data.email };
  });
}

/**
 * An address the company knows already (a login of any role, or a customer staff registered in
 * the office) gets the answer of a new one, so the form tells nobody who is on file. Only the
 * address's owner learns, by e-mail, that no new account was made and what to do instead.
 */
async function tellExistingOwner(scope: Scope, company: CompanyRef, email: string): Promise<boolean> {
  const taken = await scope.tx.user.findUnique({
    where: { companyId_email: { companyId: company.id, email } },
    select: { id: true },
  });
  if (!taken && !(await customers.hasEmail(scope, email))) return false;
  await sendMail(scope, {
    to: email,
    subject: `Your ${company.name} account`,
    body: createElement(SignUpExistingEmail, {
      companyName: company.name,
      loginUrl: companyUrl(company.slug, "/login"),
      resetUrl: companyUrl(company.slug, "/forgot-password"),
    }),
  });
  return true;
}

/** Visitors may only choose what the portal offers them: public, current packages. */
async function offeredPackage(scope: Scope, packageId: string) {
  const pkg = await packages.get(scope, packageId);
  if (pkg.visibility !== "PUBLIC" || pkg.archivedAt) throw new NotFound("Package");
}
