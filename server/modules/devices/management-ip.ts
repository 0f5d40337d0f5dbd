import type { z } from "zod";
import { Invalid, NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import * as ipamAddresses from "../ipam/addresses";
import * as ipamAllocation from "../ipam/allocation";
import type { Scope } from "../scope";
import { assignManagementIpSchema } from "./schema";

// A device's management address is an IPAM address like any other (role-less, ACTIVE), found by
// the device through its foreign key: the next free one of a pool, or one typed in.

/** Assigns (or replaces) a device's management IP; the previous one is released to its pool. */
export async function assignManagementIp(scope: Scope, input: z.input<typeof assignManagementIpSchema>) {
  const d = assignManagementIpSchema.parse(input);
  const device = await scope.tx.device.findUnique({
    where: { id: d.deviceId },
    select: { id: true, name: true, managementIpAddressId: true },
  });
  if (!device) throw new NotFound("Device");
  if (!d.prefixId && !d.address)
    throw new Invalid("Choose a pool or type an address.", { address: "A pool or an address is needed." });
  if (device.managementIpAddressId) await ipamAddresses.release(scope, device.managementIpAddressId);
  const description = `Management of ${device.name}`;
  const ip = d.prefixId
    ? await ipamAllocation.allocateAddress(scope, { prefixId: d.prefixId, description })
    : await ipamAddresses.create(scope, { address: d.address!, vrfId: d.vrfId ?? null, description });
  await scope.tx.device.update({ where: { id: device.id }, data: { managementIpAddressId: ip.id } });
  await audit.record(scope, {
    action: "device.management_ip",
    entityType: "Device",
    entityId: device.id,
    before: { managementIpAddressId: device.managementIpAddressId },
    after: { managementIpAddressId: ip.id, address: ip.address },
  });
  return ip;
}
