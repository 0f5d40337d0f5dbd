import type { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { Prisma } from "../../db/generated/prisma/client";
import { seal } from "../../lib/crypto";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import * as sites from "../ipam/sites";
import { OPEN_STATUSES } from "../tickets/schema";
import { portTemplatesOf } from "./catalogue";
import {
  addInterfaceSchema,
  createDeviceSchema,
  listDevicesSchema,
  updateDeviceSchema,
  updateInterfaceSchema,
  type snmpSchema,
} from "./schema";

// Devices and their interfaces. Links are in links.ts, customers behind a device in behind.ts.

/** Who is looking at devices: the signed-in user and what their role allows. */
export interface DeviceViewer {
  userId: string;
  permissions: readonly Permission[];
}

/** The jobs that open a field technician's view of the network: theirs, and not yet done. */
const openJobsOf = (userId: string): Prisma.WorkOrderWhereInput => ({
  technicianId: userId,
  status: { in: ["SCHEDULED", "EN_ROUTE", "ON_SITE"] },
});

/**
 * The devices a viewer may see, as a condition to AND into every query. Without devices:read_all
 * (field technicians): the devices on their own jobs (fitted or removed on the job, the job's
 * device, the CPE of the job's subscription), and every device at the sites of their open jobs.
 * A job's site is not stored: it is the site of the job's device, or of the device the job's
 * subscription attaches to (its access port's device, or its CPE when that stands at a site), so
 * it follows the network as it is recabled.
 */
export function visibleTo(viewer: DeviceViewer): Prisma.DeviceWhereInput {
  if (viewer.permissions.includes("devices:read_all")) return {};
  const open = openJobsOf(viewer.userId);
  const mine = { technicianId: viewer.userId };
  return {
    OR: [
      { equipment: { some: { workOrder: mine } } },
      { workOrders: { some: mine } },
      { subscriptions: { some: { workOrders: { some: mine } } } },
      {
        site: {
          devices: {
            some: {
              OR: [
                { workOrders: { some: open } },
                { subscriptions: { some: { workOrders: { some: open } } } },
                { interfaces: { some: { subscriptions: { some: { workOrders: { some: open } } } } } },
              ],
            },
          },
        },
      },
    ],
  };
}

const LIST_FIELDS = {
  id: true,
  name: true,
  serial: true,
  mac: true,
  status: true,
  firmware: true,
  rack: true,
  rackUnit: true,
  site: { select: { id: true, name: true } },
  deviceType: { select: { id: true, model: true, role: true, manufacturer: { select: { name: true } } } },
} as const;

type ListRow = Prisma.DeviceGetPayload<{ select: typeof LIST_FIELDS }>;

function present(d: ListRow) {
  return {
    id: d.id,
    name: d.name,
    serial: d.serial,
    mac: d.mac,
    status: d.status,
    firmware: d.firmware,
    rack: d.rack,
    rackUnit: d.rackUnit,
    siteId: d.site?.id ?? null,
    siteName: d.site?.name ?? null,
    role: d.deviceType.role,
    deviceTypeId: d.deviceType.id,
    model: `${d.deviceType.manufacturer.name} ${d.deviceType.model}`,
  };
}

export async function list(scope: Scope, viewer: DeviceViewer, input: z.input<typeof listDevicesSchema>) {
  const f = listDevicesSchema.parse(input);
  const where: Prisma.DeviceWhereInput = {
    AND: [
      visibleTo(viewer),
      f.status ? { status: f.status } : {},
      f.siteId ? { siteId: f.siteId } : {},
      f.role ? { deviceType: { role: f.role } } : {},
      f.q
        ? {
            OR: [
              { name: { contains: f.q, mode: "insensitive" } },
              { serial: { contains: f.q, mode: "insensitive" } },
              { mac: { contains: f.q.toLowerCase() } },
            ],
          }
        : {},
    ],
  };
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.device.count({ where }),
    rows: (window) =>
      scope.tx.device.findMany({
        where,
        select: LIST_FIELDS,
        orderBy: [{ name: "asc" }, { id: "asc" }],
        ...window,
      }),
  });
  return { ...paging, rows: rows.map(present) };
}

const PORT_ORDER = new Intl.Collator("en", { numeric: true });

/** A device as the device page shows it: interfaces with what they are cabled to, open work. */
export async function get(scope: Scope, viewer: DeviceViewer, id: string) {
  const d = await scope.tx.device.findFirst({
    where: { AND: [{ id }, visibleTo(viewer)] },
    select: {
      ...LIST_FIELDS,
      notes: true,
      managementIpAddressId: true,
      managementIp: { select: { address: true } },
      snmpVersion: true,
      snmpV3User: true,
      snmpV3AuthProtocol: true,
      snmpV3PrivProtocol: true,
      snmpCommunity: true,
      createdAt: true,
      updatedAt: true,
      interfaces: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          kind: true,
          ponStandard: true,
          mac: true,
          enabled: true,
          description: true,
          aLinks: {
            select: {
              id: true,
              kind: true,
              bInterface: { select: { id: true, name: true, device: { select: { id: true, name: true } } } },
            },
          },
          bLinks: {
            select: {
              id: true,
              kind: true,
              aInterface: { select: { id: true, name: true, device: { select: { id: true, name: true } } } },
            },
          },
          // Customers still on the port: a terminated subscription no longer hangs off it.
          _count: { select: { subscriptions: { where: { status: { not: "TERMINATED" } } } } },
        },
      },
    },
  });
  if (!d) throw new NotFound("Device");
  const [tickets, jobs] = await Promise.all([
    scope.tx.ticket.findMany({
      where: { deviceId: d.id, status: { in: [...OPEN_STATUSES] } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, number: true, subject: true, status: true, priority: true, createdAt: true },
    }),
    scope.tx.workOrder.findMany({
      where: {
        status: { in: ["SCHEDULED", "EN_ROUTE", "ON_SITE"] },
        OR: [{ deviceId: d.id }, { equipment: { some: { deviceId: d.id } } }, { subscription: { cpeDeviceId: d.id } }],
      },
      orderBy: { windowStart: "asc" },
      take: 50,
      select: { id: true, number: true, title: true, status: true, kind: true, windowStart: true },
    }),
  ]);
  return {
    ...present(d),
    notes: d.notes,
    managementIpAddressId: d.managementIpAddressId,
    /** The management address as text ("10.255.0.1"), without the host mask. */
    managementIp: d.managementIp?.address.replace(/\/(32|128)$/, "") ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    // Which credentials are set, never the secrets themselves.
    snmp: {
      version: d.snmpVersion,
      user: d.snmpV3User,
      authProtocol: d.snmpV3AuthProtocol,
      privProtocol: d.snmpV3PrivProtocol,
      hasCommunity: !!d.snmpCommunity,
    },
    // Ports in the order printed on the device (0/1/2 before 0/1/10), not the database's text order.
    interfaces: [...d.interfaces]
      .sort((x, y) => PORT_ORDER.compare(x.name, y.name))
      .map((i) => {
        const up = i.bLinks[0];
        const down = i.aLinks[0];
        const far = down
          ? { linkId: down.id, kind: down.kind, direction: "downstream" as const, ...farEnd(down.bInterface) }
          : up
            ? { linkId: up.id, kind: up.kind, direction: "upstream" as const, ...farEnd(up.aInterface) }
            : null;
        return {
          id: i.id,
          name: i.name,
          kind: i.kind,
          ponStandard: i.ponStandard,
          mac: i.mac,
          enabled: i.enabled,
          description: i.description,
          link: far,
          attachedSubscriptions: i._count.subscriptions,
        };
      }),
    openTickets: tickets,
    openJobs: jobs,
  };
}

const farEnd = (i: { id: string; name: string; device: { id: string; name: string } }) => ({
  interfaceId: i.id,
  interfaceName: i.name,
  deviceId: i.device.id,
  deviceName: i.device.name,
});

/** The stored SNMP columns for what was typed: secrets sealed; "NONE" clears them. */
function snmpColumns(snmp: z.output<typeof snmpSchema>) {
  const none = {
    snmpVersion: null,
    snmpCommunity: null,
    snmpV3User: null,
    snmpV3AuthProtocol: null,
    snmpV3AuthKey: null,
    snmpV3PrivProtocol: null,
    snmpV3PrivKey: null,
  };
  if (snmp.version === "NONE") return none;
  if (snmp.version === "V2C") return { ...none, snmpVersion: "V2C" as const, snmpCommunity: seal(snmp.community) };
  return {
    ...none,
    snmpVersion: "V3" as const,
    snmpV3User: snmp.user,
    snmpV3AuthProtocol: snmp.authProtocol ?? null,
    snmpV3AuthKey: snmp.authKey ? seal(snmp.authKey) : null,
    snmpV3PrivProtocol: snmp.privProtocol ?? null,
    snmpV3PrivKey: snmp.privKey ? seal(snmp.privKey) : null,
  };
}

const clash = (data: { name: string; serial: string | null }) => () =>
  new Conflict("Another device already has this name or serial number.", {
    name: `Check that no other device is called ${data.name}.`,
    ...(data.serial ? { serial: `Check that no other device has serial ${data.serial}.` } : {}),
  });

/** What the audit log keeps of a device: everything but the SNMP secrets. */
const auditable = (d: Record<string, unknown>) => {
  const { snmp, ...rest } = d as { snmp?: { version: string } };
  return { ...rest, snmpVersion: snmp?.version ?? undefined };
};

/** The site must be one of the company's (another company's id reads as unknown). */
async function checkSite(scope: Scope, siteId: string | null) {
  if (!siteId) return;
  try {
    await sites.get(scope, siteId);
  } catch (err) {
    if (err instanceof NotFound) throw new Invalid("Choose one of your sites.", { siteId: "Unknown site." });
    throw err;
  }
}

export async function create(scope: Scope, input: z.input<typeof createDeviceSchema>) {
  const data = createDeviceSchema.parse(input);
  await checkSite(scope, data.siteId);
  const type = await portTemplatesOf(scope, data.deviceTypeId);
  if (!type || type.archivedAt)
    throw new Invalid("Choose a device type from the catalogue.", { deviceTypeId: "Unknown device type." });
  const { snmp, ...fields } = data;
  const id = newId();
  await onUnique(
    scope.tx.device.create({
      data: { id, companyId: scope.companyId, ...fields, ...(snmp ? snmpColumns(snmp) : {}) },
    }),
    clash(data),
  );
  if (type.portTemplates.length)
    await scope.tx.interface.createMany({
      data: type.portTemplates.map((p) => ({ id: newId(), companyId: scope.companyId, deviceId: id, ...p })),
    });
  await audit.record(scope, { action: "device.create", entityType: "Device", entityId: id, after: auditable(data) });
  return { id };
}

export async function update(scope: Scope, input: z.input<typeof updateDeviceSchema>) {
  const { id, snmp, ...fields } = updateDeviceSchema.parse(input);
  const before = await scope.tx.device.findUnique({
    where: { id },
    select: {
      name: true,
      serial: true,
      mac: true,
      status: true,
      firmware: true,
      rack: true,
      rackUnit: true,
      notes: true,
      deviceTypeId: true,
      siteId: true,
      snmpVersion: true,
    },
  });
  if (!before) throw new NotFound("Device");
  await checkSite(scope, fields.siteId);
  if (fields.deviceTypeId !== before.deviceTypeId) {
    const type = await portTemplatesOf(scope, fields.deviceTypeId);
    if (!type) throw new Invalid("Choose a device type from the catalogue.", { deviceTypeId: "Unknown device type." });
  }
  await onUnique(
    scope.tx.device.update({ where: { id }, data: { ...fields, ...(snmp ? snmpColumns(snmp) : {}) } }),
    clash(fields),
  );
  await audit.record(scope, {
    action: "device.update",
    entityType: "Device",
    entityId: id,
    before,
    after: auditable({ ...fields, snmp }),
  });
  return { id };
}

export async function addInterface(scope: Scope, input: z.input<typeof addInterfaceSchema>) {
  const data = addInterfaceSchema.parse(input);
  const device = await scope.tx.device.findUnique({ where: { id: data.deviceId }, select: { id: true } });
  if (!device) throw new NotFound("Device");
  if (data.kind !== "PON" && data.ponStandard)
    throw new Invalid("Only a PON port has a PON standard.", { ponStandard: "Only for PON ports." });
  const row = await onUnique(
    scope.tx.interface.create({ data: { id: newId(), companyId: scope.companyId, ...data } }),
    () =>
      new Conflict(`This device already has an interface called ${data.name}.`, {
        name: "Already taken on this device.",
      }),
  );
  await audit.record(scope, { action: "interface.create", entityType: "Interface", entityId: row.id, after: data });
  return { id: row.id };
}

export async function updateInterface(scope: Scope, input: z.input<typeof updateInterfaceSchema>) {
  const { id, ...data } = updateInterfaceSchema.parse(input);
  const before = await scope.tx.interface.findUnique({
    where: { id },
    select: { name: true, kind: true, ponStandard: true, mac: true, enabled: true, description: true },
  });
  if (!before) throw new NotFound("Interface");
  if (data.kind !== "PON" && data.ponStandard)
    throw new Invalid("Only a PON port has a PON standard.", { ponStandard: "Only for PON ports." });
  await onUnique(
    scope.tx.interface.update({ where: { id }, data }),
    () =>
      new Conflict(`This device already has an interface called ${data.name}.`, {
        name: "Already taken on this device.",
      }),
  );
  await audit.record(scope, { action: "interface.update", entityType: "Interface", entityId: id, before, after: data });
  return { id };
}

/**
 * Takes a port off a device. A cabled port is refused (remove its link first, so the map never
 * loses a cable silently), and so is a port customers attach to.
 */
export async function deleteInterface(scope: Scope, id: string) {
  const port = await scope.tx.interface.findUnique({
    where: { id },
    select: {
      name: true,
      kind: true,
      deviceId: true,
      device: { select: { name: true } },
      aLinks: { select: { id: true } },
      bLinks: { select: { id: true } },
      _count: { select: { subscriptions: true, addresses: true } },
    },
  });
  if (!port) throw new NotFound("Interface");
  const where = `${port.device.name} ${port.name}`;
  if (port.aLinks.length || port.bLinks.length)
    throw new Conflict(`${where} is cabled: remove its link before deleting the interface.`);
  if (port._count.subscriptions)
    throw new Conflict(
      `${port._count.subscriptions} subscription(s) attach to ${where}: move them to another port before deleting it.`,
    );
  if (port._count.addresses)
    throw new Conflict(`${where} has IP addresses assigned in IPAM: release them before deleting the interface.`);
  await scope.tx.interface.delete({ where: { id } });
  await audit.record(scope, {
    action: "interface.delete",
    entityType: "Interface",
    entityId: id,
    before: { deviceId: port.deviceId, name: port.name, kind: port.kind },
  });
  return { id };
}

/**
 * Checks that a device another module is about to point at (a ticket's, a job's) is one of the
 * company's; returns its name and site. Another company's id reads as unknown: invalid input.
 */
export async function requireDevice(scope: Scope, id: string, field = "deviceId") {
  const d = await scope.tx.device.findUnique({ where: { id }, select: { id: true, name: true, siteId: true } });
  if (!d) throw new Invalid("Choose one of your devices.", { [field]: "Unknown device." });
  return d;
}

/**
 * Devices matching a name or serial, for the pickers of other modules (a ticket's device, a job's
 * equipment): they store the chosen id; what a person may pick is what they may see.
 */
export async function options(scope: Scope, viewer: DeviceViewer, q: string | undefined) {
  const text = (q ?? "").trim();
  return scope.tx.device.findMany({
    where: {
      AND: [
        visibleTo(viewer),
        text
          ? {
              OR: [
                { name: { contains: text, mode: "insensitive" } },
                { serial: { contains: text, mode: "insensitive" } },
              ],
            }
          : {},
      ],
    },
    select: { id: true, name: true, serial: true, status: true, deviceType: { select: { model: true, role: true } } },
    orderBy: { name: "asc" },
    take: 20,
  });
}

/** Devices and customers matching a search, for the map's "find" box: where to focus. */
export async function locate(scope: Scope, viewer: DeviceViewer, q: string | undefined) {
  const text = (q ?? "").trim();
  if (text.length < 2) return [];
  const devices = await scope.tx.device.findMany({
    where: {
      AND: [
        visibleTo(viewer),
        {
          OR: [{ name: { contains: text, mode: "insensitive" } }, { serial: { contains: text, mode: "insensitive" } }],
        },
      ],
    },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 10,
  });
  // Customers only for those who see every device: a technician's map has just their jobs'.
  if (!viewer.permissions.includes("devices:read_all"))
    return devices.map((d) => ({ kind: "device" as const, label: d.name, deviceId: d.id }));
  const subs = await scope.tx.subscription.findMany({
    where: {
      status: { not: "TERMINATED" },
      OR: [{ cpeDeviceId: { not: null } }, { accessInterfaceId: { not: null } }],
      // Every word must match somewhere, so "Brian Ouma" finds the customer whose first name is
      // Brian and last name Ouma (a person types the name as it is said, not one field of it).
      AND: text.split(/\s+/).map((word) => ({
        OR: [
          { pppoeUsername: { contains: word, mode: "insensitive" as const } },
          { customer: { firstName: { contains: word, mode: "insensitive" as const } } },
          { customer: { lastName: { contains: word, mode: "insensitive" as const } } },
          { customer: { businessName: { contains: word, mode: "insensitive" as const } } },
        ],
      })),
    },
    select: {
      id: true,
      cpeDeviceId: true,
      accessInterface: { select: { deviceId: true } },
      customer: { select: { type: true, firstName: true, lastName: true, businessName: true, accountNumber: true } },
    },
    take: 10,
  });
  return [
    ...devices.map((d) => ({ kind: "device" as const, label: d.name, deviceId: d.id })),
    ...subs.map((s) => ({
      kind: "customer" as const,
      label: `${customerDisplayName(s.customer)} (#${s.customer.accountNumber})`,
      deviceId: (s.cpeDeviceId ?? s.accessInterface?.deviceId)!,
    })),
  ];
}
