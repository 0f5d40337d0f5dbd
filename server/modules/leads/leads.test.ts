import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let other: Awaited<ReturnType<typeof makeCompany>>;
let sales: Caller;
let salesId: string;
let packageId: string;
let otherPackageId: string;

async function makePackage(companyId: string) {
  return withTenant(companyId, (tx) =>
    tx.package.create({
      data: {
        id: newId(),
        companyId,
        name: "Fiber 50",
        code: `F50-${newId().slice(0, 6)}`,
        type: "FIBER",
        downloadKbps: 50_000,
        uploadKbps: 25_000,
        priceMinor: 450_000,
      },
    }),
  );
}

beforeAll(async () => {
  co = await makeCompany("lead-isp");
  other = await makeCompany("lead-other");
  const user = await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Sales Sam" });
  salesId = user.id;
  sales = await callerAs(co.company, user.id);
  packageId = (await makePackage(co.company.id)).id;
  otherPackageId = (await makePackage(other.company.id)).id;
});

const lead = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `Peter Kamau ${n}`,
  phone: `0722 100 ${String(n).padStart(3, "0")}`,
  source: "WEBSITE" as const,
  ...extra,
});

describe("leads", () => {
  it("creates a lead with an owner and a package of the company; another company's package is a field error", async () => {
    const l = await sales.leads.create(
      lead(1, {
        ownerId: salesId,
        interestedPackageId: packageId,
        latitude: "-1.28",
        longitude: "36.82",
        coverageArea: "Kilimani",
      }),
    );
    expect(l).toMatchObject({ stage: "NEW", ownerId: salesId, interestedPackageId: packageId, latitude: -1.28 });
    const f = await failure(sales.leads.create(lead(2, { interestedPackageId: otherPackageId })));
    expect(f).toMatchObject({ code: "NOT_FOUND", fields: { interestedPackageId: "No such package." } });
    const g = await failure(sales.leads.create(lead(3, { ownerId: other.owner.id })));
    expect(g.fields).toEqual({ ownerId: "Choose an active staff member of your company." });
  });

  it("stage rules: lost needs a reason, won only by conversion, stage changes appear in the feed", async () => {
    const l = await sales.leads.create(lead(4));
    await sales.leads.changeStage({ id: l.id, stage: "CONTACTED" });
    await sales.leads.changeStage({ id: l.id, stage: "SITE_SURVEY" });
    expect((await failure(sales.leads.changeStage({ id: l.id, stage: "WON" }))).code).toBe("UNPROCESSABLE_CONTENT");
    const noReason = await failure(sales.leads.changeStage({ id: l.id, stage: "LOST" }));
    expect(noReason.fields).toEqual({ lostReason: "Say why the lead was lost." });
    const lost = await sales.leads.changeStage({ id: l.id, stage: "LOST", lostReason: "Out of coverage" });
    expect(lost).toMatchObject({ stage: "LOST", lostReason: "Out of coverage" });
    expect((await failure(sales.leads.convert({ id: l.id }))).message).toMatch(/Reopen/);
    const reopened = await sales.leads.changeStage({ id: l.id, stage: "QUOTED" });
    expect(reopened).toMatchObject({ stage: "QUOTED", lostReason: null });
    await sales.leads.addActivity({ leadId: l.id, kind: "CALL", body: "Called, sent the quote again." });
    const detail = await sales.leads.get({ id: l.id });
    expect(detail.activities.map((a) => a.kind)).toEqual([
      "CALL",
      "STAGE_CHANGE",
      "STAGE_CHANGE",
      "STAGE_CHANGE",
      "STAGE_CHANGE",
    ]);
    expect(detail.activities[1].body).toBe("Lost → Quoted");
    expect(detail.activities[0].authorName).toBe("Sales Sam");
  });

  it("conversion creates a prospect customer from the lead in one go and keeps the history", async () => {
    const l = await sales.leads.create(
      lead(5, {
        name: "Grace Njeri Mwangi",
        email: "grace@example.com",
        address: "Lavington, Nairobi",
        latitude: -1.27,
        longitude: 36.77,
        ownerId: salesId,
      }),
    );
    await sales.leads.addActivity({ leadId: l.id, body: "Wants fiber before December." });
    const { lead: won, customer } = await sales.leads.convert({ id: l.id });
    expect(won).toMatchObject({ stage: "WON", customerId: customer.id });
    expect(won.convertedAt).toBeInstanceOf(Date);
    expect(customer).toMatchObject({
      status: "PROSPECT",
      firstName: "Grace Njeri",
      lastName: "Mwangi",
      email: "grace@example.com",
      serviceAddress: "Lavington, Nairobi",
      serviceLatitude: -1.27,
    });
    const detail = await sales.leads.get({ id: l.id });
    expect(detail.activities.map((a) => a.body)).toEqual([
      expect.stringMatching(/^New → Won: converted into customer ACC-/),
      "Wants fiber before December.",
    ]);
    expect((await failure(sales.leads.convert({ id: l.id }))).code).toBe("UNPROCESSABLE_CONTENT");
    // The customer now has history: it cannot be deleted.
    expect((await failure(sales.customers.delete({ id: customer.id }))).code).toBe("CONFLICT");
  });

  it("a conversion that fails (e-mail taken) changes nothing", async () => {
    await sales.customers.create({ firstName: "Taken", lastName: "Mail", email: "taken@example.com" });
    const l = await sales.leads.create(lead(6, { email: "taken@example.com" }));
    expect((await failure(sales.leads.convert({ id: l.id }))).code).toBe("CONFLICT");
    expect(await sales.leads.get({ id: l.id })).toMatchObject({ stage: "NEW", customerId: null });
  });

  it("lists with search, stage and owner filters; follow-ups due; conversion rates", async () => {
    const fresh = await makeCompany("lead-rates");
    const boss = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN", { name: "Boss" })).id);
    const bossId = boss.ctx.viewer!.userId;
    const past = new Date(Date.now() - 3_600_000);
    const a = await boss.leads.create(lead(10, { source: "REFERRAL", ownerId: bossId, followUpAt: past }));
    await boss.leads.create(lead(11, { source: "REFERRAL", followUpAt: new Date(Date.now() + 86_400_000) }));
    const c = await boss.leads.create(
      lead(12, { source: "WALK_IN", ownerId: bossId, followUpAt: past, name: "Walk In Wanjiku" }),
    );
    await boss.leads.create(lead(13, { source: "WALK_IN" }));
    await boss.leads.convert({ id: a.id });
    expect((await boss.leads.list({ search: "wanjiku" })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await boss.leads.list({ ownerId: bossId })).total).toBe(2);
    const won = await boss.leads.list({ stage: "WON" });
    expect(won.rows.map((r) => r.id)).toEqual([a.id]);
    expect(won.stageCounts).toEqual({ NEW: 3, WON: 1 });
    expect((await boss.leads.followUpsDue()).map((l) => l.id)).toEqual([c.id]);
    expect((await boss.leads.list({ due: true })).rows.map((l) => l.id)).toEqual([c.id]);
    const rates = await boss.leads.conversionRates();
    expect(rates.bySource).toEqual(
      expect.arrayContaining([
        { source: "REFERRAL", total: 2, won: 1, rateBps: 5000 },
        { source: "WALK_IN", total: 2, won: 0, rateBps: 0 },
      ]),
    );
    expect(rates.byOwner).toEqual(
      expect.arrayContaining([
        { ownerId: bossId, ownerName: "Boss", total: 2, won: 1, rateBps: 5000 },
        { ownerId: null, ownerName: "Unassigned", total: 2, won: 0, rateBps: 0 },
      ]),
    );
  });

  it("needs leads:manage to change anything", async () => {
    const tech = await callerAs(co.company, (await makeUser(co.company.id, "TECHNICAL_SUPPORT")).id);
    expect((await tech.leads.list({})).total).toBeGreaterThan(0);
    expect((await failure(tech.leads.create(lead(20)))).code).toBe("FORBIDDEN");
  });
});
