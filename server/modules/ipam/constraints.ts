import { Conflict, type DomainError } from "../../lib/errors";

// The database's IPAM rules (exclusion and CHECK constraints in the ipam_core migration) turned
// into answers a network administrator understands. The database is the authority: services
// check first to give details, and this catches what slipped between the check and the write
// (a concurrent request).

const MESSAGES: Record<string, () => DomainError> = {
  Prefix_no_duplicate: () =>
    new Conflict("This prefix already exists in this VRF.", { prefix: "Already exists in this VRF." }),
  Prefix_leaves_do_not_overlap: () =>
    new Conflict("This prefix overlaps another prefix in this VRF. Put both inside a container, or pick free space.", {
      prefix: "Overlaps another prefix in this VRF.",
    }),
  Prefix_pools_do_not_overlap: () =>
    new Conflict("This pool overlaps another pool in this VRF.", { prefix: "Overlaps another pool in this VRF." }),
  IpAddress_unique_in_vrf: () =>
    new Conflict("This address is already in use in this VRF.", { address: "Already in use in this VRF." }),
  Aggregate_no_overlap: () =>
    new Conflict("This aggregate overlaps another aggregate.", { prefix: "Overlaps another aggregate." }),
  Vlan_companyId_group_vid_key: () =>
    new Conflict("This VLAN id is already used in this group.", { vid: "Already used in this group." }),
};

/** The name of the constraint an error from PostgreSQL (through Prisma) reports as violated. */
export function violatedConstraint(err: unknown): string | null {
  const seen = new Set<unknown>();
  const texts: string[] = [];
  const walk = (e: unknown) => {
    if (!e || typeof e !== "object" || seen.has(e)) return;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const k of ["message", "constraint", "detail"]) if (typeof o[k] === "string") texts.push(o[k] as string);
    walk(o.cause);
    walk(o.meta);
    walk(o.driverAdapterError);
  };
  walk(err);
  for (const t of texts) {
    const named = Object.keys(MESSAGES).find((name) => t.includes(name));
    if (named) return named;
  }
  return null;
}

/** Runs a write; a violated IPAM constraint becomes a Conflict that names the field. */
export async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const name = violatedConstraint(err);
    if (name) throw MESSAGES[name]!();
    throw err;
  }
}
