import { randomInt } from "node:crypto";
import type { z } from "zod";
import type { Package, Prisma, Subscription } from "../../db/generated/prisma/client";
import { seal, unseal } from "../../lib/crypto";
import { Conflict, DomainError, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as inventoryAssets from "../inventory/assets";
import * as customers from "../customers/service";
import * as packages from "../packages/service";
import { PPPOE_TYPES } from "../packages/schema";
import { changeLiveSessions } from "../nas/coa";
import { speedRowsFor } from "../bandwidth/policies";
import { requestSync } from "../provisioning/dispatch";
import * as radiusPassword from "./radius-password";
import type { Scope } from "../scope";
import { addMonths, parseDate } from "./dates";
import {
  createSubscriptionSchema,
  listSubscriptionsSchema,
  reasonRequiredSchema,
  setAddressSchema,
  transitionSchema,
} from "./schema";
import { REASON_REQUIRED, transitionFor, type TransitionAction } from "./state";
import * as ipamAddresses from "../ipam/addresses";
import * as ipamAllocation from "../ipam/allocation";

// Subscriptions: a customer's package, its PPPoE credentials and its life (PENDING → ACTIVE ⇄
// SUSPENDED → TERMINATED, see state.ts). Passwords are sealed at rest and shown once.

/** Never send the sealed password anywhere. */
const OMIT = { pppoePassword: true } as const;
const CUSTOMER_SUMMARY = {
  select: { id: true, accountNumber: true, firstName: true, lastName: true, businessName: true, status: true },
} as const;
const PACKAGE_SUMMARY = {
  select: {
    id: true,
    name: true,
    code: true,
    type: true,
    downloadKbps: true,
    uploadKbps: true,
    priceMinor: true,
    requiresStaticIp: true,
    archivedAt: true,
  },
} as const;

const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** 12 characters without look-alikes (0/O, 1/l/I): read out over the phone and typed into a router. */
export function generatePassword(length = 12): string {
  return Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join("");
}

export const usesPppoe = (pkg: Pick<Package, "type">) => PPPOE_TYPES.includes(pkg.type);

async function load(scope: Scope, id: string): Promise<Subscription> {
  const sub = await scope.tx.subscription.findUnique({ where: { id } });
  if (!sub) throw new NotFound("Subscription");
  return sub;
}

async function usernameTaken(scope: Scope, username: string, exceptId?: string) {
  return !!(await scope.tx.subscription.findFirst({
    where: { pppoeUsername: username, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true },
  }));
}

const USERNAME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
/**
 * A default PPPoE login nobody can guess from another (`acc42` would give `acc43`): eight letters
 * and digits without look-alikes, read out over the phone and typed into a router.
 */
async function newUsername(scope: Scope): Promise<string> {
  for (;;) {
    const candidate = Array.from({ length: 8 }, () => USERNAME_ALPHABET[randomInt(USERNAME_ALPHABET.length)]).join("");
    if (!(await usernameTaken(scope, candidate))) return candidate;
  }
}

async function assertStaticIpFree(scope: Scope, ip: string, exceptId?: string) {
  const holder = await scope.tx.subscription.findFirst({
    where: { staticIp: ip, status: { not: "TERMINATED" }, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true },
  });
  if (holder)
    throw new Conflict(`${ip} is already assigned to another subscription.`, {
      staticIp: "Already assigned to another subscription.",
    });
}

/**
 * The subscription's static IP is an IPAM address assigned to it (its Framed-IP-Address comes
 * from there): a typed address, or the next free one of a pool. The subscription's own staticIp
 * column keeps a copy for its lists and search.
 */
async function assignStaticIp(
  scope: Scope,
  subscriptionId: string,
  data: { staticIp?: string; staticIpPoolId?: string },
): Promise<string | null> {
  const asField = (err: unknown) => {
    if (err instanceof DomainError && err.fields)
      throw new DomainError(err.code, err.message, { staticIp: Object.values(err.fields)[0]! });
    throw err;
  };
  // A pool and an address: that address, checked to be inside the pool; a pool alone: its next free one.
  if (data.staticIpPoolId && data.staticIp)
    return (
      await ipamAllocation
        .assignInPool(scope, { prefixId: data.staticIpPoolId, address: data.staticIp, subscriptionId })
        .catch(asField)
    ).address;
  if (data.staticIpPoolId)
    return (
      await ipamAllocation.allocateAddress(scope, { prefixId: data.staticIpPoolId, subscriptionId }).catch(asField)
    ).address;
  if (data.staticIp)
    return (await ipamAddresses.create(scope, { address: data.staticIp, subscriptionId }).catch(asField)).address;
  return null;
}

async function recordEvent(
  scope: Scope,
  sub: Pick<Subscription, "id">,
  from: Subscription["status"] | null,
  to: Subscription["status"],
  reason?: string | null,
) {
  await scope.tx.subscriptionEvent.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      subscriptionId: sub.id,
      fromStatus: from,
      toStatus: to,
      reason: reason || null,
      actorId: scope.actor.id ?? null,
      actorLabel: scope.actor.label ?? null,
    },
  });
}

export async function create(scope: Scope, input: z.input<typeof createSubscriptionSchema>) {
  const data = createSubscriptionSchema.parse(input);
  const customer = await scope.tx.customer.findUnique({
    where: { id: data.customerId },
    select: { id: true, status: true },
  });
  if (!customer) throw new NotFound("Customer");
  const pkg = await packages.getSellable(scope, data.packageId);
  if (customer.status === "TERMINATED")
    throw new Conflict("This customer's account is terminated; reactivate the account before adding service.");
  if (pkg.requiresStaticIp && !data.staticIp && !data.staticIpPoolId)
    throw new Invalid(`${pkg.name} needs a static IP address.`, {
      staticIp: "This package needs a static IP address.",
    });
  if (data.staticIp) await assertStaticIpFree(scope, data.staticIp);

  let pppoeUsername: string | null = null;
  let password: string | null = null;
  if (usesPppoe(pkg)) {
    if (data.pppoeUsername && (await usernameTaken(scope, data.pppoeUsername))) throw usernameInUse();
    pppoeUsername = data.pppoeUsername ?? (await newUsername(scope));
    password = generatePassword();
  } else if (data.pppoeUsername) {
    throw new Invalid("Hotspot subscribers sign in with vouchers, not PPPoE.", {
      pppoeUsername: "Not used by hotspot packages.",
    });
  }

  const startDate = parseDate(data.startDate);
  return onUnique(async () => {
    const sub = await scope.tx.subscription.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        customerId: customer.id,
        packageId: pkg.id,
        quantity: data.quantity,
        startDate,
        contractEndDate: pkg.contractMonths > 0 ? addMonths(startDate, pkg.contractMonths) : null,
        pppoeUsername,
        pppoePassword: password ? seal(password) : null,
        staticIp: data.staticIp ?? null,
        installationAddress: data.installationAddress ?? null,
        cpeSerial: data.cpeSerial ?? null,
      },
      omit: OMIT,
    });
    // FreeRADIUS's SQL answers read their own copy (radius-password.ts).
    if (password) await radiusPassword.storePassword(scope, sub.id, password);
    const address = await assignStaticIp(scope, sub.id, data);
    if (address && address !== sub.staticIp)
      Object.assign(
        sub,
        await scope.tx.subscription.update({ where: { id: sub.id }, data: { staticIp: address }, omit: OMIT }),
      );
    await recordEvent(scope, sub, null, "PENDING", "Subscription created");
    await audit.record(scope, {
      action: "subscription.create",
      entityType: "Subscription",
      entityId: sub.id,
      after: sub,
    });
    // The plain password leaves the server here and when regenerated, never again.
    return { subscription: sub, pppoePassword: password };
  }, usernameInUse);
}

const usernameInUse = () =>
  new Conflict("Another subscription already uses this PPPoE username.", { pppoeUsername: "Already in use." });
/** Every status change: checks the state machine, records who/when/why, and re-provisions. */
export async function transition(scope: Scope, action: TransitionAction, input: z.input<typeof transitionSchema>) {
  const { id, reason } = (REASON_REQUIRED.includes(action) ? reasonRequiredSchema : transitionSchema).parse(input);
  const before = await load(scope, id);
  const to = transitionFor(before.status, action);
  await scope.tx.subscription.update({ where: { id }, data: { status: to } });
  await recordEvent(scope, before, before.status, to, reason);
  if (action === "activate") await customers.activateOnSubscription(scope, before.customerId);
  // Suspension keeps the address (the customer comes back to it); termination hands it back.
  if (action === "terminate") await ipamAddresses.releaseForSubscription(scope, id);
  // The equipment at the customer's is to be collected: the inventory flags it as awaiting return.
  if (action === "terminate") await inventoryAssets.requestReturns(scope, id);
  await audit.record(scope, {
    action: `subscription.${action}`,
    entityType: "Subscription",
    entityId: id,
    before: { status: before.status },
    after: { status: to, reason },
  });
  await requestSync(scope, id);
  // The RADIUS records refuse the next login; a session already up is cut now (RFC 5176), once
  // this change has committed.
  if (action === "suspend" || action === "terminate")
    await changeLiveSessions(scope, {
      subscriptionId: id,
      action: "disconnect",
      reason: action === "suspend" ? "SUSPENSION" : "TERMINATION",
    });
  return get(scope, id);
}

/** Re-applies the network records, e.g. after a FAILED run; harmless at any other time. */
export async function reprovision(scope: Scope, id: string) {
  const sub = await load(scope, id);
  await audit.record(scope, {
    action: "subscription.reprovision",
    entityType: "Subscription",
    entityId: id,
    before: { provisioning: sub.provisioning, provisioningError: sub.provisioningError },
  });
  await requestSync(scope, id);
  return get(scope, id);
}

export async function regeneratePassword(scope: Scope, id: string) {
  const sub = await load(scope, id);
  if (!sub.pppoeUsername) throw new Conflict("This subscription has no PPPoE login.");
  if (sub.status === "TERMINATED") throw new Conflict("A terminated subscription has no login to change.");
  const password = generatePassword();
  await scope.tx.subscription.update({ where: { id }, data: { pppoePassword: seal(password) } });
  await radiusPassword.storePassword(scope, id, password);
  await audit.record(scope, {
    action: "subscription.password_regenerate",
    entityType: "Subscription",
    entityId: id,
    after: { pppoeUsername: sub.pppoeUsername },
  });
  if (sub.status !== "PENDING") await requestSync(scope, id);
  return { id, pppoeUsername: sub.pppoeUsername, pppoePassword: password };
}

/**
 * Moves a subscription to another package (service requests: upgrade/downgrade). The effective
 * date is recorded in the history; billing (its own issue) prorates from it.
 */
export async function changePackage(
  scope: Scope,
  id: string,
  packageId: string,
  effectiveDate: string,
  reason: string,
) {
  const before = await load(scope, id);
  if (before.status === "TERMINATED") throw new Conflict("A terminated subscription cannot change package.");
  const pkg = await packages.getSellable(scope, packageId);
  if (pkg.requiresStaticIp && !before.staticIp)
    throw new Invalid(`${pkg.name} needs a static IP address; assign one first.`);
  await scope.tx.subscription.update({ where: { id }, data: { packageId } });
  await recordEvent(scope, before, before.status, before.status, `${reason} (effective ${effectiveDate})`);
  await audit.record(scope, {
    action: "subscription.package_change",
    entityType: "Subscription",
    entityId: id,
    before: { packageId: before.packageId },
    after: { packageId, effectiveDate },
  });
  if (before.status !== "PENDING") await requestSync(scope, id);
  // The new speed reaches a session already up through a CoA-Request, without dropping it.
  if (before.status === "ACTIVE")
    await changeLiveSessions(scope, {
      subscriptionId: id,
      action: "coa",
      reason: "PACKAGE_CHANGE",
      // The new package's policy speeds when it has one (also its WISPr maxima and address list).
      attributes: (await speedRowsFor(scope, pkg)).map((r) => ({ name: r.attribute, value: r.value })),
    });
}

/**
 * Assigns, changes or releases a subscription's static IP (its IPAM address and the copy on the
 * subscription): the old address goes back first, so a pool may hand the same one out again.
 */
export async function setAddress(scope: Scope, input: z.input<typeof setAddressSchema>) {
  const d = setAddressSchema.parse(input);
  const before = await load(scope, d.id);
  if (before.status === "TERMINATED") throw new Conflict("A terminated subscription has no address to set.");
  if (!d.staticIp && !d.staticIpPoolId) {
    const pkg = await scope.tx.package.findUniqueOrThrow({ where: { id: before.packageId } });
    if (pkg.requiresStaticIp)
      throw new Invalid(`${pkg.name} needs a static IP address; give another one instead of releasing it.`, {
        staticIp: "This package needs a static IP address.",
      });
  }
  if (d.staticIp) await assertStaticIpFree(scope, d.staticIp, d.id);
  await ipamAddresses.releaseAddressesOf(scope, d.id);
  const staticIp = await assignStaticIp(scope, d.id, d);
  await scope.tx.subscription.update({ where: { id: d.id }, data: { staticIp } });
  await audit.record(scope, {
    action: "subscription.set_address",
    entityType: "Subscription",
    entityId: d.id,
    before: { staticIp: before.staticIp },
    after: { staticIp },
  });
  if (before.status !== "PENDING") await requestSync(scope, d.id);
  return get(scope, d.id);
}

export async function relocate(scope: Scope, id: string, installationAddress: string, effectiveDate: string) {
  const before = await load(scope, id);
  if (before.status === "TERMINATED") throw new Conflict("A terminated subscription cannot be relocated.");
  await scope.tx.subscription.update({ where: { id }, data: { installationAddress } });
  await recordEvent(scope, before, before.status, before.status, `Relocated (effective ${effectiveDate})`);
  await audit.record(scope, {
    action: "subscription.relocate",
    entityType: "Subscription",
    entityId: id,
    before: { installationAddress: before.installationAddress },
    after: { installationAddress, effectiveDate },
  });
}

export async function list(scope: Scope, input: z.input<typeof listSubscriptionsSchema>) {
  const f = listSubscriptionsSchema.parse(input);
  const where: Prisma.SubscriptionWhereInput = {
    status: f.status,
    customerId: f.customerId,
    packageId: f.packageId,
    OR: f.search
      ? [
          { pppoeUsername: { contains: f.search, mode: "insensitive" } },
          { staticIp: { contains: f.search } },
          { customerId: { in: await customers.idsMatching(scope, f.search) } },
        ]
      : undefined,
  };
  return listPage(f, {
    count: () => scope.tx.subscription.count({ where }),
    rows: (window) =>
      scope.tx.subscription.findMany({
        where,
        omit: OMIT,
        include: { customer: CUSTOMER_SUMMARY, package: PACKAGE_SUMMARY },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        ...window,
      }),
  });
}

export async function get(scope: Scope, id: string) {
  const sub = await scope.tx.subscription.findUnique({
    where: { id },
    omit: OMIT,
    include: { customer: CUSTOMER_SUMMARY, package: PACKAGE_SUMMARY, events: { orderBy: { createdAt: "desc" } } },
  });
  if (!sub) throw new NotFound("Subscription");
  return sub;
}

/**
 * The PPPoE login `username` for the RADIUS server: the subscription, its status and the
 * unsealed password. Never sent to a browser; only the RADIUS module asks.
 */
export async function pppoeLogin(
  scope: Scope,
  username: string,
  { withPassword = true }: { withPassword?: boolean } = {},
): Promise<{ id: string; status: Subscription["status"]; password: string | null } | null> {
  const sub = await scope.tx.subscription.findUnique({
    where: { companyId_pppoeUsername: { companyId: scope.companyId, pppoeUsername: username } },
    select: { id: true, status: true, pppoePassword: true },
  });
  if (!sub) return null;
  return {
    id: sub.id,
    status: sub.status,
    password: withPassword && sub.pppoePassword ? unseal(sub.pppoePassword) : null,
  };
}

export async function customerSubscriptions(scope: Scope, customerId: string) {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  return scope.tx.subscription.findMany({
    where: { customerId },
    omit: OMIT,
    include: { package: PACKAGE_SUMMARY },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

/**
 * The CPE's serial, recorded by a completed installation job (work orders): only while the
 * subscription is pending and has none yet, so a serial typed by staff is never overwritten.
 * Returns whether it was recorded.
 */
export async function recordCpeSerial(scope: Scope, id: string, serial: string, source: string): Promise<boolean> {
  const sub = await load(scope, id);
  if (sub.status !== "PENDING" || (sub.cpeSerial ?? "").trim() !== "") return false;
  await scope.tx.subscription.update({ where: { id }, data: { cpeSerial: serial } });
  await audit.record(scope, {
    action: "subscription.cpe_serial",
    entityType: "Subscription",
    entityId: id,
    before: { cpeSerial: sub.cpeSerial },
    after: { cpeSerial: serial, source },
  });
  return true;
}
