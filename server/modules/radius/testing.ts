import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { settleInline } from "../../jobs/emit";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import type { AccountingPacket } from "./accounting";

// A small ISP for the RADIUS tests: PPPoE subscribers in each state, hotspot vouchers, a key.

type Caller = Awaited<ReturnType<typeof callerAs>>;

export interface Subscriber {
  subscriptionId: string;
  customerId: string;
  username: string;
  password: string;
}

export async function makeNetwork(slug: string) {
  const co = await makeCompany(slug);
  const admin: Caller = await callerAs(
    co.company,
    (await makeUser(co.company.id, "SUPER_ADMIN", { email: `admin@${slug}.test` })).id,
  );
  const pppoe = await admin.packages.create(packageInput("PPPOE", { code: `HOME-${slug}`.slice(0, 20) }));
  const dayPass = await admin.packages.create(packageInput("HOTSPOT", { code: `DAY-${slug}`.slice(0, 20) }));
  const bundle = await admin.packages.create(
    packageInput("HOTSPOT", {
      name: "5 MB bundle",
      code: `MB5-${slug}`.slice(0, 20),
      hotspotMode: "DATA",
      validityMinutes: undefined,
      dataCapMb: 5,
    }),
  );

  /** A PPPoE subscriber, activated (or further) and provisioned the way staff would do it. */
  async function subscriber(
    status: "PENDING" | "ACTIVE" | "SUSPENDED" | "TERMINATED" = "ACTIVE",
    pppoeUsername?: string,
  ): Promise<Subscriber> {
    const customer = await makeCustomer(co.company.id);
    const { subscription, pppoePassword } = await admin.subscriptions.create({
      customerId: customer.id,
      packageId: pppoe.id,
      startDate: "2026-11-01",
      pppoeUsername,
    });
    if (status !== "PENDING") await admin.subscriptions.activate({ id: subscription.id });
    if (status === "SUSPENDED") await admin.subscriptions.suspend({ id: subscription.id, reason: "Unpaid invoice" });
    if (status === "TERMINATED") await admin.subscriptions.terminate({ id: subscription.id, reason: "Moved away" });
    await settleInline();
    return {
      subscriptionId: subscription.id,
      customerId: customer.id,
      username: subscription.pppoeUsername!,
      password: pppoePassword!,
    };
  }

  /** Fresh vouchers of a hotspot package. */
  async function vouchers(packageId: string, quantity = 1, withPin = false) {
    const batch = await admin.vouchers.generateBatch({ packageId, quantity, withPin });
    return withTenant(co.company.id, (tx) =>
      tx.voucher.findMany({ where: { batchId: batch.id }, orderBy: { code: "asc" } }),
    );
  }

  const voucher = (code: string) => withTenant(co.company.id, (tx) => tx.voucher.findFirstOrThrow({ where: { code } }));
  const usage = (subscriptionId: string) =>
    withTenant(co.company.id, (tx) =>
      tx.usageDaily.findMany({
        where: { subscriptionId },
        orderBy: { day: "asc" },
        select: { day: true, downloadBytes: true, uploadBytes: true },
      }),
    );

  return { ...co, admin, packages: { pppoe, dayPass, bundle }, subscriber, vouchers, voucher, usage };
}

/**
 * An accounting packet from NAS 10.0.0.1 carrying only what is given; its time given as a Date
 * (`at`, else 2026-11-25 08:00 UTC), which the packet carries as ms since 1970.
 */
export function packet(
  p: Partial<Omit<AccountingPacket, "at">> &
    Pick<AccountingPacket, "status" | "username" | "acctSessionId"> & { at?: Date },
): AccountingPacket {
  return {
    nasIp: "10.0.0.1",
    framedIp: null,
    callingStation: null,
    inputBytes: null,
    outputBytes: null,
    sessionSeconds: null,
    terminateCause: null,
    ...p,
    at: (p.at ?? new Date("2026-11-25T08:00:00Z")).getTime(),
  };
}
