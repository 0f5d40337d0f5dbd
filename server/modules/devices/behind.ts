import type { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { NotFound } from "../../lib/errors";
import { pageOf } from "../../lib/schema";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { customersBehindSchema } from "./schema";

// Which customers sit behind a device, an interface or a link.
//
// Direction: a link's a-end is upstream (towards the core), its b-end downstream (towards the
// customers); staff cable a link that way round (the link form says so). "Downstream of X" is
// every device reachable from X by following links from their a-end to their b-end. One
// recursive query walks it: UNION (not UNION ALL) keeps each device once, so a loop in the
// cabling (a ring, a mistake) ends the walk instead of running forever.
//
// Customers are listed oldest subscription first.
// A customer (a subscription that is not terminated) is behind when its CPE device is
// downstream, or when it attaches straight to an interface (accessInterfaceId) of a downstream
// device or to the interface asked about.
//   device D    : downstream of D
//   interface I : subscriptions on I, plus downstream of the device at the far end of I's link
//                 when I is the link's a-end; when I is a b-end (an uplink), downstream of I's device
//   link L      : downstream of L's b-end device

/** The devices and interfaces the walk starts from, for what was asked about. */
async function startOf(scope: Scope, f: z.output<typeof customersBehindSchema>) {
  if (f.deviceId) {
    const d = await scope.tx.device.findUnique({ where: { id: f.deviceId }, select: { id: true } });
    if (!d) throw new NotFound("Device");
    return { devices: [d.id], interfaces: [] as string[] };
  }
  if (f.interfaceId) {
    const i = await scope.tx.interface.findUnique({
      where: { id: f.interfaceId },
      select: { id: true, deviceId: true, aLinks: { select: { bDeviceId: true } }, bLinks: { select: { id: true } } },
    });
    if (!i) throw new NotFound("Interface");
    const devices = i.bLinks.length ? [i.deviceId] : i.aLinks.map((l) => l.bDeviceId);
    return { devices, interfaces: [i.id] };
  }
  const l = await scope.tx.link.findUnique({ where: { id: f.linkId! }, select: { bDeviceId: true } });
  if (!l) throw new NotFound("Link");
  return { devices: [l.bDeviceId], interfaces: [] as string[] };
}

/** The recursive query, on its own so the benchmark runs exactly what the service runs. */
export function customersBehindSql(
  companyId: string,
  start: { devices: string[]; interfaces: string[] },
  page: { limit: number; offset: number },
) {
  // The set behind is found on Subscription alone (one pass), counted, and only
  // the page of it is joined to customers and packages: the core router has every customer
  // behind it, and joining all of them to sort by name would cost more than the walk itself.
  // Ties in "createdAt" (subscriptions imported in one statement share it) are broken by id in
  // byte order (COLLATE "C"): ids are opaque ASCII, and comparing them in the database's locale
  // made sorting the core router's 50,000 the slowest step.
  return Prisma.sql`
    WITH RECURSIVE downstream(id) AS (
        SELECT unnest(${start.devices}::text[])
      UNION
        SELECT l."bDeviceId" FROM "Link" l JOIN downstream d ON l."aDeviceId" = d.id
         WHERE l."companyId" = ${companyId}
    ),
    ports AS (
        SELECT i.id FROM "Interface" i
         WHERE i."companyId" = ${companyId} AND i."deviceId" IN (SELECT id FROM downstream)
      UNION
        SELECT unnest(${start.interfaces}::text[])
    ),
    behind AS MATERIALIZED (
      SELECT s.id, s."createdAt" FROM "Subscription" s
       WHERE s."companyId" = ${companyId} AND s.status <> 'TERMINATED'
         AND (s."cpeDeviceId" IN (SELECT id FROM downstream) OR s."accessInterfaceId" IN (SELECT id FROM ports))
    ),
    page AS (
      SELECT id, "createdAt" FROM behind ORDER BY "createdAt", id COLLATE "C" LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT s.id AS "subscriptionId", s.status::text AS status, s."pppoeUsername", s."cpeDeviceId",
           c.id AS "customerId", c."accountNumber", c.type::text AS "customerType",
           c."firstName", c."lastName", c."businessName", p.name AS "packageName",
           (SELECT count(*) FROM behind) AS total
      FROM page
      JOIN "Subscription" s ON s.id = page.id
      JOIN "Customer" c ON c.id = s."customerId"
      JOIN "Package" p ON p.id = s."packageId"
     ORDER BY page."createdAt", page.id COLLATE "C"`;
}

type Row = {
  subscriptionId: string;
  status: string;
  pppoeUsername: string | null;
  cpeDeviceId: string | null;
  customerId: string;
  accountNumber: number;
  customerType: "INDIVIDUAL" | "BUSINESS";
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  packageName: string;
  total: bigint;
};

export async function customersBehind(scope: Scope, input: z.input<typeof customersBehindSchema>) {
  const f = customersBehindSchema.parse(input);
  const start = await startOf(scope, f);
  const rows = await scope.tx.$queryRaw<Row[]>(
    customersBehindSql(scope.companyId, start, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
  );
  // count(*) OVER () rides on every row; a page past the end has none, so count again only then.
  const total = rows[0] ? Number(rows[0].total) : f.page > 1 ? await countBehind(scope, start) : 0;
  return {
    ...pageOf(total, f.page, f.pageSize),
    rows: rows.map((r) => ({
      subscriptionId: r.subscriptionId,
      status: r.status,
      pppoeUsername: r.pppoeUsername,
      cpeDeviceId: r.cpeDeviceId,
      customerId: r.customerId,
      accountNumber: r.accountNumber,
      customerName: customerDisplayName({
        type: r.customerType,
        firstName: r.firstName,
        lastName: r.lastName,
        businessName: r.businessName,
      }),
      packageName: r.packageName,
    })),
  };
}

async function countBehind(scope: Scope, start: { devices: string[]; interfaces: string[] }) {
  const rows = await scope.tx.$queryRaw<Row[]>(customersBehindSql(scope.companyId, start, { limit: 1, offset: 0 }));
  return rows[0] ? Number(rows[0].total) : 0;
}
