import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import {
  createDeviceTypeSchema,
  createManufacturerSchema,
  listDeviceTypesSchema,
  updateDeviceTypeSchema,
  updateManufacturerSchema,
  type portTemplateSchema,
} from "./schema";

// The device-type catalogue: manufacturers and the models the company runs, each with its role
// and, optionally, its ports (which a new device of the type gets as interfaces).

type PortTemplate = z.output<typeof portTemplateSchema>;

export async function listManufacturers(scope: Scope) {
  return scope.tx.manufacturer.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function createManufacturer(scope: Scope, input: z.input<typeof createManufacturerSchema>) {
  const data = createManufacturerSchema.parse(input);
  const row = await onUnique(
    scope.tx.manufacturer.create({ data: { id: newId(), companyId: scope.companyId, name: data.name } }),
    () => new Conflict(`${data.name} is already in the catalogue.`, { name: "This manufacturer already exists." }),
  );
  await audit.record(scope, {
    action: "manufacturer.create",
    entityType: "Manufacturer",
    entityId: row.id,
    after: data,
  });
  return { id: row.id, name: row.name };
}

export async function updateManufacturer(scope: Scope, input: z.input<typeof updateManufacturerSchema>) {
  const data = updateManufacturerSchema.parse(input);
  const before = await scope.tx.manufacturer.findUnique({ where: { id: data.id }, select: { name: true } });
  if (!before) throw new NotFound("Manufacturer");
  await onUnique(
    scope.tx.manufacturer.update({ where: { id: data.id }, data: { name: data.name } }),
    () => new Conflict(`${data.name} is already in the catalogue.`, { name: "This manufacturer already exists." }),
  );
  await audit.record(scope, {
    action: "manufacturer.update",
    entityType: "Manufacturer",
    entityId: data.id,
    before,
    after: { name: data.name },
  });
  return { id: data.id, name: data.name };
}

export async function listDeviceTypes(scope: Scope, input: z.input<typeof listDeviceTypesSchema>) {
  const f = listDeviceTypesSchema.parse(input);
  const where: Prisma.DeviceTypeWhereInput = {
    archivedAt: null,
    ...(f.role ? { role: f.role } : {}),
    ...(f.q
      ? {
          OR: [
            { model: { contains: f.q, mode: "insensitive" } },
            { manufacturer: { name: { contains: f.q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.deviceType.count({ where }),
    rows: (window) =>
      scope.tx.deviceType.findMany({
        where,
        orderBy: [{ manufacturer: { name: "asc" } }, { model: "asc" }],
        select: {
          id: true,
          model: true,
          role: true,
          portTemplates: true,
          manufacturer: { select: { id: true, name: true } },
          _count: { select: { devices: true } },
        },
        ...window,
      }),
  });
  return {
    ...paging,
    rows: rows.map((t) => ({
      id: t.id,
      model: t.model,
      role: t.role,
      manufacturer: t.manufacturer,
      ports: (t.portTemplates as PortTemplate[]).length,
      portTemplates: t.portTemplates as PortTemplate[],
      devices: t._count.devices,
    })),
  };
}

export async function createDeviceType(scope: Scope, input: z.input<typeof createDeviceTypeSchema>) {
  const data = createDeviceTypeSchema.parse(input);
  const maker = await checkDeviceType(scope, data);
  const row = await onUnique(
    scope.tx.deviceType.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        manufacturerId: data.manufacturerId,
        model: data.model,
        role: data.role,
        portTemplates: data.portTemplates,
      },
    }),
    () =>
      new Conflict(`${maker.name} ${data.model} is already in the catalogue.`, { model: "This model already exists." }),
  );
  await audit.record(scope, { action: "device_type.create", entityType: "DeviceType", entityId: row.id, after: data });
  return { id: row.id, model: row.model, role: row.role };
}

/** A type's manufacturer must be the company's and its port names distinct; returns the maker. */
async function checkDeviceType(scope: Scope, data: z.output<typeof createDeviceTypeSchema>) {
  const maker = await scope.tx.manufacturer.findUnique({ where: { id: data.manufacturerId }, select: { name: true } });
  if (!maker)
    throw new Invalid("Choose a manufacturer from the catalogue.", { manufacturerId: "Unknown manufacturer." });
  const names = data.portTemplates.map((p) => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Invalid(`Port ${twice} is listed twice.`, { portTemplates: `Port ${twice} is listed twice.` });
  const notPon = data.portTemplates.find((p) => p.kind !== "PON" && p.ponStandard);
  if (notPon)
    throw new Invalid(`Port ${notPon.name} has a PON standard but is not a PON port.`, {
      portTemplates: "Only a PON port has a PON standard.",
    });
  return maker;
}

export async function updateDeviceType(scope: Scope, input: z.input<typeof updateDeviceTypeSchema>) {
  const { id, ...data } = updateDeviceTypeSchema.parse(input);
  const before = await scope.tx.deviceType.findUnique({
    where: { id },
    select: { manufacturerId: true, model: true, role: true, portTemplates: true },
  });
  if (!before) throw new NotFound("Device type");
  const maker = await checkDeviceType(scope, data);
  await onUnique(
    scope.tx.deviceType.update({
      where: { id },
      data: {
        manufacturerId: data.manufacturerId,
        model: data.model,
        role: data.role,
        portTemplates: data.portTemplates,
      },
    }),
    () =>
      new Conflict(`${maker.name} ${data.model} is already in the catalogue.`, { model: "This model already exists." }),
  );
  await audit.record(scope, {
    action: "device_type.update",
    entityType: "DeviceType",
    entityId: id,
    before,
    after: data,
  });
  return { id };
}

/** The ports a device of this type starts with. */
export async function portTemplatesOf(scope: Scope, deviceTypeId: string) {
  const t = await scope.tx.deviceType.findUnique({
    where: { id: deviceTypeId },
    select: { id: true, role: true, portTemplates: true, archivedAt: true },
  });
  return t && { ...t, portTemplates: t.portTemplates as PortTemplate[] };
}

const ports = (prefix: string, from: number, to: number, kind: PortTemplate["kind"] = "ETHERNET"): PortTemplate[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ name: `${prefix}${from + i}`, kind, ponStandard: null }));
const pon = (count: number): PortTemplate[] =>
  Array.from({ length: count }, (_, i) => ({ name: `0/1/${i}`, kind: "PON" as const, ponStandard: "GPON" as const }));

/** Common models an ISP starts with; a new company gets them, and the demo seed uses them. */
export const STARTER_CATALOGUE: {
  maker: string;
  model: string;
  role: z.output<typeof createDeviceTypeSchema>["role"];
  ports: PortTemplate[];
}[] = [
  {
    maker: "MikroTik",
    model: "CCR2004-16G-2S+",
    role: "ROUTER",
    ports: [...ports("ether", 1, 16), ...ports("sfp-sfpplus", 1, 2, "SFP")],
  },
  {
    maker: "MikroTik",
    model: "CRS326-24G-2S+",
    role: "SWITCH",
    ports: [...ports("ether", 1, 24), ...ports("sfp-sfpplus", 1, 2, "SFP")],
  },
  {
    maker: "MikroTik",
    model: "hAP ac²",
    role: "CPE",
    ports: [...ports("ether", 1, 5), { name: "wlan1", kind: "WIRELESS", ponStandard: null }],
  },
  {
    maker: "Ubiquiti",
    model: "LiteBeam 5AC Gen2",
    role: "CPE",
    ports: [
      { name: "eth0", kind: "ETHERNET", ponStandard: null },
      { name: "ath0", kind: "WIRELESS", ponStandard: null },
    ],
  },
  {
    maker: "Ubiquiti",
    model: "Rocket 5AC Prism",
    role: "ACCESS_POINT",
    ports: [
      { name: "eth0", kind: "ETHERNET", ponStandard: null },
      { name: "ath0", kind: "WIRELESS", ponStandard: null },
    ],
  },
  { maker: "Huawei", model: "MA5800-X7", role: "OLT", ports: [...ports("uplink", 0, 1, "SFP"), ...pon(16)] },
  {
    maker: "Huawei",
    model: "EchoLife HG8245H",
    role: "ONT",
    ports: [{ name: "pon0", kind: "PON", ponStandard: "GPON" }, ...ports("lan", 1, 4)],
  },
  { maker: "Dell", model: "PowerEdge R650", role: "SERVER", ports: ports("eno", 1, 4) },
];

/** Puts the starter catalogue into a company that has none of it yet (idempotent). */
export async function seedStarterCatalogue(scope: Scope) {
  for (const entry of STARTER_CATALOGUE) {
    const maker = await scope.tx.manufacturer.upsert({
      where: { companyId_name: { companyId: scope.companyId, name: entry.maker } },
      create: { id: newId(), companyId: scope.companyId, name: entry.maker },
      update: {},
      select: { id: true },
    });
    await scope.tx.deviceType.upsert({
      where: {
        companyId_manufacturerId_model: { companyId: scope.companyId, manufacturerId: maker.id, model: entry.model },
      },
      create: {
        id: newId(),
        companyId: scope.companyId,
        manufacturerId: maker.id,
        model: entry.model,
        role: entry.role,
        portTemplates: entry.ports,
      },
      update: {},
    });
  }
}
