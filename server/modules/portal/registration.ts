import { hashPassword } from "../../auth/password";
import { withTenant } from "../../db/tenant";
import { Conflict, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
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

export async function register(company: CompanyRef, input: PortalRegistrationInput, meta: Omit<Actor, "type">) {
  const data = portalRegistrationSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  return withTenant(company.id, async (tx) => {
    const taken = await tx.user.findUnique({
      where: { companyId_email: { companyId: company.id, email: data.email } },
    });
    if (taken)
      throw new Conflict("An account with this e-mail already exists. Sign in, or reset your password.", {
        email: "Already registered.",
      });
    // Staff registered this person already: a second customer would be wrong, and the message
    // must not reveal that customer's details to whoever typed the address.
    const lookup: Scope = { tx, companyId: company.id, actor: { ...meta, type: "SYSTEM", label: "portal" } };
    if (await customers.hasEmail(lookup, data.email)) {
      const message = `This e-mail already belongs to a customer account: ask ${company.name} to invite you to the portal, or reset your password if you already have one.`;
      throw new Conflict(message, { email: message });
    }
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
      // Visitors may only choose what the portal offers them: public, current packages.
      const pkg = await packages.get(scope, data.packageId);
      if (pkg.visibility !== "PUBLIC" || pkg.archivedAt) throw new NotFound("Package");
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
