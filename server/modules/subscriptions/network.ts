import type { z } from "zod";
import { Conflict, DomainError, Invalid, NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import * as ipamAddresses from "../ipam/addresses";
import * as ipamAllocation from "../ipam/allocation";
import { requestSync } from "../provisioning/dispatch";
import type { Scope } from "../scope";
import { setDelegatedPrefixSchema } from "./schema";

// Where a subscription is on the network, for its "Address and access" dialog: its address, its
// delegated IPv6 prefix and the equipment it hangs off; and the delegated prefix's changes. The
// IPv4 address is set by service.setAddress, the equipment by devices.attachSubscription.

async function load(scope: Scope, id: string) {
  const sub = await scope.tx.subscription.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      staticIp: true,
      cpeDevice: { select: { id: true, name: true } },
      accessInterface: { select: { id: true, name: true, device: { select: { id: true, name: true } } } },
    },
  });
  if (!sub) throw new NotFound("Subscription");
  return sub;
}

/** The subscription's address, delegated prefix, CPE and access port. */
export async function networkOf(scope: Scope, id: string) {
  const sub = await load(scope, id);
  const delegated = await scope.tx.prefix.findFirst({
    where: { subscriptionId: id },
    orderBy: { createdAt: "asc" },
    select: { prefix: true },
  });
  return {
    id: sub.id,
    status: sub.status,
    staticIp: sub.staticIp,
    delegatedPrefix: delegated?.prefix ?? null,
    cpeDevice: sub.cpeDevice,
    accessInterface: sub.accessInterface,
  };
}

/**
 * Delegates the next free prefix of an IPv6 pool to the subscription, or releases its delegated
 * prefix (no pool). The old prefix goes back first; the NAS learns the new one at the next sync.
 */
export async function setDelegatedPrefix(scope: Scope, input: z.input<typeof setDelegatedPrefixSchema>) {
  const d = setDelegatedPrefixSchema.parse(input);
  const before = await load(scope, d.id);
  if (before.status === "TERMINATED") throw new Conflict("A terminated subscription has no prefix to delegate.");
  const old = await networkOf(scope, d.id);
  let delegatedPrefix: string | null = null;
  if (d.poolId) {
    const pool = await scope.tx.prefix.findUnique({ where: { id: d.poolId }, select: { prefix: true } });
    if (!pool) throw new Invalid("No such pool.", { poolId: "No such pool." });
    if (!pool.prefix.includes(":"))
      throw new Invalid(`${pool.prefix} is an IPv4 pool; delegate IPv6 prefixes from an IPv6 pool.`, {
        poolId: "Choose an IPv6 pool.",
      });
  }
  await ipamAddresses.releasePrefixesOf(scope, d.id);
  if (d.poolId)
    delegatedPrefix = (
      await ipamAllocation
        .allocatePrefix(scope, { prefixId: d.poolId, length: d.length, subscriptionId: d.id })
        .catch((err: unknown) => {
          if (err instanceof DomainError && err.fields)
            throw new DomainError(err.code, err.message, { poolId: Object.values(err.fields)[0]! });
          throw err;
        })
    ).prefix;
  await audit.record(scope, {
    action: "subscription.set_delegated_prefix",
    entityType: "Subscription",
    entityId: d.id,
    before: { delegatedPrefix: old.delegatedPrefix },
    after: { delegatedPrefix },
  });
  if (before.status !== "PENDING") await requestSync(scope, d.id);
  return networkOf(scope, d.id);
}
