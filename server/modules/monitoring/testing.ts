import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { seedStarterCatalogue } from "../devices/catalogue";
import { systemActor } from "../scope";

// A company with a network administrator, a poller key for posting poll results, and devices
// made the way staff make them (SNMP community sealed, management IP assigned), for the tests.

export async function makeMonitoredNetwork(slug: string) {
  const co = await makeCompany(slug);
  const admin = await callerAs(
    co.company,
    (await makeUser(co.company.id, "NETWORK_ADMIN", { email: `na@${slug}.test` })).id,
  );
  const key = (await admin.radius.createKey({ name: `${slug}-poller`, use: "POLLER" })).secret;
  return { ...co, admin, key, device: await deviceMaker(co.company.id, admin) };
}

type Caller = Awaited<ReturnType<typeof callerAs>>;

/** Makes routers in a company through `admin` (a caller with devices:manage), as staff do. */
export async function deviceMaker(companyId: string, admin: Caller) {
  const typeId = await withTenant(companyId, async (tx) => {
    if ((await tx.deviceType.count()) === 0) await seedStarterCatalogue({ tx, companyId, actor: systemActor });
    return (await tx.deviceType.findFirstOrThrow({ where: { role: "ROUTER" } })).id;
  });

  /** A router at `address` (none: not polled); with a community or a v3 user it is polled over SNMP, else pinged. */
  return async function device(
    name: string,
    opts: {
      address?: string;
      community?: string;
      v3?: { user: string; authProtocol: "SHA"; authKey: string; privProtocol: "AES"; privKey: string };
    } = {},
  ) {
    const { id } = await admin.devices.create({
      name,
      deviceTypeId: typeId,
      ...(opts.community ? { snmp: { version: "V2C" as const, community: opts.community } } : {}),
      ...(opts.v3 ? { snmp: { version: "V3" as const, ...opts.v3 } } : {}),
    });
    if (opts.address) await admin.devices.assignManagementIp({ deviceId: id, address: opts.address });
    return id;
  };
}
