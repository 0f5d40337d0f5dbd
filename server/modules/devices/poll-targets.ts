import { unseal } from "../../lib/crypto";
import type { Scope } from "../scope";

// What the monitoring module needs of the inventory to poll it and to file what it hears: the
// devices worth polling with their management address and SNMP community (unsealed here, only
// for the poller), and each device's interfaces by name. Monitoring never reads these tables itself.

export interface PollTarget {
  id: string;
  name: string;
  /** The management IP (no prefix length); null: nothing to poll. */
  address: string | null;
  /** The v2c community; null when the device has no v2c credentials (it is pinged instead). */
  community: string | null;
}

/** Devices in service (ACTIVE or OFFLINE: staff may be wrong about either) with a management IP. */
export async function pollTargets(scope: Scope): Promise<PollTarget[]> {
  const rows = await scope.tx.device.findMany({
    where: { status: { in: ["ACTIVE", "OFFLINE"] }, managementIpAddressId: { not: null } },
    select: {
      id: true,
      name: true,
      snmpVersion: true,
      snmpCommunity: true,
      managementIp: { select: { address: true } },
    },
    orderBy: { id: "asc" },
  });
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    address: d.managementIp?.address.replace(/\/\d+$/, "") ?? null,
    community: d.snmpVersion === "V2C" && d.snmpCommunity ? unseal(d.snmpCommunity) : null,
  }));
}

/**
 * The given devices that exist (RLS: in the scope's company), each with its interfaces' ids by
 * name, so polled interfaces (ifName) are filed against the inventory's.
 */
export async function interfacesByName(scope: Scope, deviceIds: string[]): Promise<Map<string, Map<string, string>>> {
  const rows = await scope.tx.device.findMany({
    where: { id: { in: deviceIds } },
    select: { id: true, interfaces: { select: { id: true, name: true } } },
  });
  return new Map(rows.map((d) => [d.id, new Map(d.interfaces.map((i) => [i.name, i.id]))]));
}
