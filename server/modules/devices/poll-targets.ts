import { unseal } from "../../lib/crypto";
import type { Scope } from "../scope";

// What the monitoring module needs of the inventory to poll it and to file what it hears: the
// devices worth polling with their management address and SNMP credentials (v2c community or v3
// user and passphrases, unsealed here, only for the poller), and each device's interfaces by name.
// Monitoring never reads these tables itself.

/** A device's SNMP credentials, opened (monitoring/snmp-client.ts takes them as they are). */
export type PollCredentials =
  | { version: "V2C"; community: string }
  | {
      version: "V3";
      user: string;
      authProtocol: string | null;
      authKey: string | null;
      privProtocol: string | null;
      privKey: string | null;
    };

export interface PollTarget {
  id: string;
  name: string;
  /** The management IP (no prefix length); null: nothing to poll. */
  address: string | null;
  /** null when the device has no SNMP credentials (it is pinged instead). */
  snmp: PollCredentials | null;
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
      snmpV3User: true,
      snmpV3AuthProtocol: true,
      snmpV3AuthKey: true,
      snmpV3PrivProtocol: true,
      snmpV3PrivKey: true,
      managementIp: { select: { address: true } },
    },
    orderBy: { id: "asc" },
  });
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    address: d.managementIp?.address.replace(/\/\d+$/, "") ?? null,
    snmp:
      d.snmpVersion === "V2C" && d.snmpCommunity
        ? { version: "V2C" as const, community: unseal(d.snmpCommunity) }
        : d.snmpVersion === "V3" && d.snmpV3User
          ? {
              version: "V3" as const,
              user: d.snmpV3User,
              authProtocol: d.snmpV3AuthProtocol,
              authKey: d.snmpV3AuthKey ? unseal(d.snmpV3AuthKey) : null,
              privProtocol: d.snmpV3PrivProtocol,
              privKey: d.snmpV3PrivKey ? unseal(d.snmpV3PrivKey) : null,
            }
          : null,
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
