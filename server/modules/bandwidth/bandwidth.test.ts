import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { env } from "../../lib/env";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import * as access from "../radius/access";
import type { RlmRestItem } from "../radius/rlm-rest";
import { runDaily } from "../dunning/service";
import { owingCustomer, pay } from "../dunning/testing";
import { activatedBy, packageInput } from "../subscriptions/testing";

// Bandwidth policies and the walled garden on the real database, as FreeRADIUS's authorize
// answer shows them to the NAS.

type Company = Awaited<ReturnType<typeof makeCompany>>["company"];
type Caller = Awaited<ReturnType<typeof callerAs>>;
let company: Company;
let admin: Caller;
const radius = { type: "API" as const, label: "radius" };

beforeAll(async () => {
  ({ company } = await makeCompany("bandwidth-isp"));
  admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
});

const subscriber = (packageId: string) => activatedBy(admin, company.id, packageId);

const login = (username: string) => access.authorize(company.id, radius, { username });
/** The reply attributes by name (what the NAS receives), or the refusal's message. */
async function reply(username: string): Promise<Record<string, string> | string> {
  const answer = await login(username);
  if (!answer.accept) return answer.message;
  return Object.fromEntries(
    answer.items.filter((i: RlmRestItem) => i.list === "reply").map((i) => [i.attribute, i.value]),
  );
}

describe("bandwidth policies", () => {
  it("give the package's subscribers the policy's rate limit, burst, priority, address list and WISPr speeds", async () => {
    const policy = await admin.bandwidth.policies.create({
      name: "Home 20M",
      downloadKbps: 20_000,
      uploadKbps: 5_000,
      burstDownloadKbps: 30_000,
      burstUploadKbps: 8_000,
      burstTimeSeconds: 8,
      priority: 3,
      addressList: "home-20m",
    });
    // The package's own speeds are overridden by the policy's.
    const pkg = await admin.packages.create(
      packageInput("PPPOE", { code: "POL-20", downloadKbps: 1_000, uploadKbps: 1_000, bandwidthPolicyId: policy.id }),
    );
    const sub = await subscriber(pkg.id);
    expect(await reply(sub.pppoeUsername!)).toEqual({
      "Mikrotik-Rate-Limit": "5000k/20000k 8000k/30000k 3750k/15000k 8/8 3",
      "WISPr-Bandwidth-Max-Down": "20000000",
      "WISPr-Bandwidth-Max-Up": "5000000",
      "Mikrotik-Address-List": "home-20m",
    });
    // Not capped: FreeRADIUS may reuse the answer for its usual window.
    expect(await login(sub.pppoeUsername!)).toMatchObject({ freshSeconds: env().RADIUS_FRESH_LOGIN_SECONDS });

    // A faster policy reaches the subscriber's next login (re-provisioned), and is audited.
    await admin.bandwidth.policies.update({
      id: policy.id,
      data: { name: "Home 20M", downloadKbps: 40_000, uploadKbps: 10_000, priority: 2 },
    });
    await settleInline();
    expect(await reply(sub.pppoeUsername!)).toEqual({
      "Mikrotik-Rate-Limit": "10000k/40000k 0/0 0/0 0/0 2",
      "WISPr-Bandwidth-Max-Down": "40000000",
      "WISPr-Bandwidth-Max-Up": "10000000",
    });
    const audit = await withTenant(company.id, (tx) =>
      tx.auditEntry.findMany({
        where: { entityId: policy.id },
        orderBy: { createdAt: "asc" },
        select: { action: true },
      }),
    );
    expect(audit.map((a) => a.action)).toEqual(["bandwidth.policy_created", "bandwidth.policy_updated"]);

    // In use: not deleted, and the answer says what to do.
    const refused = await expectFailure(admin.bandwidth.policies.delete({ id: policy.id }), "CONFLICT");
    expect(refused.message).toContain("used by 1 package");
    // A package without a policy keeps its own speeds.
    const own = await admin.packages.create(
      packageInput("PPPOE", { code: "OWN-5", downloadKbps: 5_000, uploadKbps: 1_000 }),
    );
    expect(await reply((await subscriber(own.id)).pppoeUsername!)).toEqual({ "Mikrotik-Rate-Limit": "1000k/5000k" });
  });

  it("are listed by name a page at a time and searched; bad input changes nothing", async () => {
    for (const name of ["Office 50M", "Office 100M", "Night owl"])
      await admin.bandwidth.policies.create({ name, downloadKbps: 50_000, uploadKbps: 50_000 });
    const page = await admin.bandwidth.policies.list({ search: "office", pageSize: 1 });
    expect(page).toMatchObject({ total: 2, pageCount: 2 });
    expect(page.rows.map((r) => r.name)).toEqual(["Office 100M"]);

    const before = await admin.bandwidth.policies.list({ pageSize: 100 });
    await expectFailure(
      admin.bandwidth.policies.create({ name: "Office 50M", downloadKbps: 1_000, uploadKbps: 1_000 }),
      "CONFLICT",
    );
    const bad = await expectFailure(
      admin.bandwidth.policies.create({
        name: "Broken",
        downloadKbps: 10_000,
        uploadKbps: 2_000,
        fupDownloadKbps: 20_000,
        freeFromHour: 2,
      }),
      "BAD_REQUEST",
    );
    expect(JSON.stringify(bad)).toContain("Fair-use download must be slower than the download speed.");
    expect(JSON.stringify(bad)).toContain("A free window needs both hours, or neither.");
    expect((await admin.bandwidth.policies.list({ pageSize: 100 })).total).toBe(before.total);
  });

  it("a package that slows down at its cap needs fair-use speeds, its own or its policy's", async () => {
    const plain = await admin.bandwidth.policies.create({ name: "Plain 10M", downloadKbps: 10_000, uploadKbps: 2_000 });
    const failed = await expectFailure(
      admin.packages.create(
        packageInput("PPPOE", { code: "THR-NO", dataCapMb: 1_024, onCap: "THROTTLE", bandwidthPolicyId: plain.id }),
      ),
      "UNPROCESSABLE_CONTENT",
    );
    expect(failed.message).toContain("fair-use speeds");
    // Left out, the action follows the speeds: fair-use speeds mean slow down, none mean cut off.
    const slow = await admin.packages.create(
      packageInput("PPPOE", { code: "THR-YES", dataCapMb: 1_024, fupDownloadKbps: 1_000, fupUploadKbps: 500 }),
    );
    expect(slow.onCap).toBe("THROTTLE");
    const hard = await admin.packages.create(packageInput("PPPOE", { code: "HARD-CAP", dataCapMb: 1_024 }));
    expect(hard.onCap).toBe("DISCONNECT");
    await expectFailure(
      admin.packages.create(packageInput("PPPOE", { code: "NO-SUCH", bandwidthPolicyId: "no-such-policy" })),
      "UNPROCESSABLE_CONTENT",
    );
  });
});

describe("the walled garden for suspended subscribers", () => {
  it("refuses under the reject setting, lets into the captive list and pool under the captive one, per package", async () => {
    const pkg = await admin.packages.create(packageInput("PPPOE", { code: "GARDEN" }));
    const sub = await subscriber(pkg.id);
    await admin.subscriptions.suspend({ id: sub.id, reason: "Unpaid invoice" });
    await settleInline();
    expect(await reply(sub.pppoeUsername!)).toBe(access.REFUSAL.suspended);

    await admin.bandwidth.captive.save({ suspended: "CAPTIVE", addressList: "unpaid", framedPool: "captive-pool" });
    const answer = await login(sub.pppoeUsername!);
    // The password is still checked, nothing is cached past this answer, and the NAS gets the
    // garden only: no rate limit of the package.
    expect(answer).toMatchObject({ accept: true, freshSeconds: 0 });
    expect(answer.accept && answer.items.find((i) => i.attribute === "Cleartext-Password")?.list).toBe("control");
    expect(await reply(sub.pppoeUsername!)).toEqual({
      "Mikrotik-Address-List": "unpaid",
      "Framed-Pool": "captive-pool",
    });

    // The package may override the company: this one refuses.
    await admin.packages.update({
      id: pkg.id,
      data: { ...packageInput("PPPOE", { code: "GARDEN" }), suspendedAccess: "REJECT" },
    });
    expect(await reply(sub.pppoeUsername!)).toBe(access.REFUSAL.suspended);

    // Resumed: full service again at the next login.
    await admin.subscriptions.resume({ id: sub.id, reason: "Paid" });
    await settleInline();
    expect(await reply(sub.pppoeUsername!)).toEqual({ "Mikrotik-Rate-Limit": "5000k/20000k" });
    const saved = await withTenant(company.id, (tx) =>
      tx.auditEntry.count({ where: { action: "bandwidth.captive_saved", entityId: company.id } }),
    );
    expect(saved).toBe(1);
  });
});

describe("paying restores full service at once", () => {
  it("a subscriber in the walled garden for non-payment is disconnected on payment, and logs in at full speed", async () => {
    const { company: c } = await makeCompany("bandwidth-dunning");
    const owing = await owingCustomer(c, 30);
    expect(await runDaily(c.id)).toMatchObject({ suspended: 1 });
    await settleInline();
    const boss = await callerAs(c, (await makeUser(c.id, "SUPER_ADMIN")).id);
    await boss.bandwidth.captive.save({ suspended: "CAPTIVE", addressList: "unpaid" });
    const subId = owing.subscriptionIds[0]!;
    const { pppoeUsername } = await withTenant(c.id, (tx) =>
      tx.subscription.findUniqueOrThrow({ where: { id: subId }, select: { pppoeUsername: true } }),
    );
    const replyOf = async () => {
      const a = await access.authorize(c.id, radius, { username: pppoeUsername! });
      return a.accept
        ? Object.fromEntries(a.items.filter((i) => i.list === "reply").map((i) => [i.attribute, i.value]))
        : a.message;
    };
    expect(await replyOf()).toEqual({ "Mikrotik-Address-List": "unpaid" });
    // Online in the walled garden (accounting Start seen, no Stop).
    await withTenant(c.id, (tx) =>
      tx.radiusSession.create({
        data: {
          id: newId(),
          companyId: c.id,
          acctSessionId: "garden-1",
          username: pppoeUsername!,
          subscriptionId: subId,
          nasIp: "10.9.0.1",
          startedAt: new Date(),
          updatedAt: new Date(),
        },
      }),
    );

    await pay(c.id, owing.customerId, owing.invoice.id);
    await settleInline();
    expect(await replyOf()).toEqual({ "Mikrotik-Rate-Limit": "5000k/20000k" });
    // The session in the garden is disconnected, so the router dials again at full service.
    const requests = await withTenant(c.id, (tx) => tx.coaRequest.findMany({ where: { subscriptionId: subId } }));
    expect(requests.map((r) => [r.kind, r.reason, r.acctSessionId])).toEqual([["DISCONNECT", "RESTORE", "garden-1"]]);
  });
});
