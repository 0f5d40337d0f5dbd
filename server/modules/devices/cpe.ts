import { Conflict, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { customerDisplayName, formatAccountNumber } from "../customers/schema";
import { attachSubscription } from "./links";
import { macAddress } from "./schema";

// The box a technician fits at a customer's becomes a device: found by its serial, or made, and
// attached to the subscription as its CPE. Work-order completion calls this; so may the
// subscription form when staff type a CPE serial there.

export interface CpeInput {
  subscriptionId: string;
  /** The serial printed on the box. */
  serial: string;
  mac?: string | null;
  /** What the technician wrote ("MikroTik hAP ac²"), used to pick the catalogue model. */
  description?: string | null;
}

/**
 * Finds the CPE device with this serial, or creates it (a CPE-role type, active, at the site of
 * the subscription's access device when it has one), and makes it the subscription's CPE.
 * Idempotent: run twice, or for a serial already in the inventory, it creates nothing new.
 * A serial that is the CPE of another customer's live subscription is refused: the label was misread, or the
 * box was moved without its old subscription being updated, and a person must say which.
 */
export async function ensureCpeForSubscription(scope: Scope, input: CpeInput) {
  const serial = input.serial.trim();
  const mac = macAddress.safeParse(input.mac).data ?? null;
  const sub = await scope.tx.subscription.findUnique({
    where: { id: input.subscriptionId },
    select: {
      id: true,
      customerId: true,
      cpeDeviceId: true,
      accessInterfaceId: true,
      accessInterface: { select: { device: { select: { siteId: true } } } },
    },
  });
  if (!sub) throw new NotFound("Subscription");

  let device = await scope.tx.device.findUnique({
    where: { companyId_serial: { companyId: scope.companyId, serial } },
    select: { id: true, name: true, status: true, mac: true },
  });
  let created = false;
  if (device) {
    const other = await scope.tx.subscription.findFirst({
      // One customer's box may serve several of their subscriptions (internet and voice).
      where: { cpeDeviceId: device.id, customerId: { not: sub.customerId }, status: { not: "TERMINATED" } },
      select: {
        customer: { select: { type: true, firstName: true, lastName: true, businessName: true, accountNumber: true } },
      },
    });
    if (other)
      throw new Conflict(
        `Serial ${serial} is the CPE of ${customerDisplayName(other.customer)} (#${formatAccountNumber(other.customer.accountNumber)}). Check the label on the box, or take it off that subscription first.`,
        { serial: "Already another customer's CPE." },
      );
    const fix = {
      ...(device.status !== "ACTIVE" ? { status: "ACTIVE" as const } : {}),
      ...(mac && !device.mac ? { mac } : {}),
    };
    if (Object.keys(fix).length) {
      await scope.tx.device.update({ where: { id: device.id }, data: fix });
      await audit.record(scope, {
        action: "device.update",
        entityType: "Device",
        entityId: device.id,
        before: { status: device.status, mac: device.mac },
        after: { ...fix, reason: "fitted at a customer's" },
      });
    }
  } else {
    const typeId = await cpeTypeFor(scope, input.description);
    const id = newId();
    const data = {
      name: await freeName(scope, `cpe-${serial}`),
      serial,
      mac,
      deviceTypeId: typeId,
      status: "ACTIVE" as const,
      siteId: sub.accessInterface?.device.siteId ?? null,
    };
    await scope.tx.device.create({ data: { id, companyId: scope.companyId, ...data } });
    await audit.record(scope, {
      action: "device.create",
      entityType: "Device",
      entityId: id,
      after: { ...data, reason: "fitted at a customer's" },
    });
    device = { id, name: data.name, status: "ACTIVE", mac };
    created = true;
  }

  const attached = sub.cpeDeviceId !== device.id;
  if (attached)
    await attachSubscription(scope, {
      subscriptionId: sub.id,
      cpeDeviceId: device.id,
      accessInterfaceId: sub.accessInterfaceId,
    });
  return { deviceId: device.id, name: device.name, created, attached };
}

/**
 * The catalogue model for a fitted box: a CPE or ONT model the technician's description names,
 * else the company's first CPE model, else a "Generic CPE" type made once for the purpose.
 */
async function cpeTypeFor(scope: Scope, description: string | null | undefined) {
  const types = await scope.tx.deviceType.findMany({
    where: { archivedAt: null, role: { in: ["CPE", "ONT"] } },
    select: { id: true, model: true, role: true },
    orderBy: [{ manufacturer: { name: "asc" } }, { model: "asc" }],
  });
  const text = (description ?? "").toLowerCase();
  const named = text ? types.find((t) => text.includes(t.model.toLowerCase())) : undefined;
  const first = named ?? types.find((t) => t.role === "CPE");
  if (first) return first.id;
  const maker = await scope.tx.manufacturer.upsert({
    where: { companyId_name: { companyId: scope.companyId, name: "Generic" } },
    create: { id: newId(), companyId: scope.companyId, name: "Generic" },
    update: {},
    select: { id: true },
  });
  const type = await scope.tx.deviceType.upsert({
    where: { companyId_manufacturerId_model: { companyId: scope.companyId, manufacturerId: maker.id, model: "CPE" } },
    create: { id: newId(), companyId: scope.companyId, manufacturerId: maker.id, model: "CPE", role: "CPE" },
    update: {},
    select: { id: true },
  });
  await audit.record(scope, {
    action: "device_type.create",
    entityType: "DeviceType",
    entityId: type.id,
    after: { manufacturer: "Generic", model: "CPE", role: "CPE", reason: "a CPE was fitted and no CPE model exists" },
  });
  return type.id;
}

/** Device names are unique per company: cpe-SN, else cpe-SN-2, cpe-SN-3… */
async function freeName(scope: Scope, base: string) {
  const taken = await scope.tx.device.findMany({
    where: { name: { startsWith: base } },
    select: { name: true },
  });
  const names = new Set(taken.map((d) => d.name));
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
