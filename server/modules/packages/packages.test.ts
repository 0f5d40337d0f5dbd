import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { makeCustomer, packageInput } from "../subscriptions/testing";

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let noc: Caller;

beforeAll(async () => {
  co = await makeCompany("pkg-isp");
  noc = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
});

const auditCount = () => withTenant(co.company.id, (tx) => tx.auditEntry.count({ where: { entityType: "Package" } }));
const packageCount = () => withTenant(co.company.id, (tx) => tx.package.count());

describe("package validation per type", () => {
  it("creates one package of each type, code upper-cased, audited", async () => {
    const before = await auditCount();
    for (const type of ["PPPOE", "FIBER", "CORPORATE", "HOTSPOT"] as const) {
      const pkg = await noc.packages.create(packageInput(type, { code: `v-${type}` }));
      expect(pkg).toMatchObject({ type, code: `V-${type}`, archivedAt: null });
    }
    expect(await auditCount()).toBe(before + 4);
  });

  it.each([
    ["hotspot without a mode", packageInput("HOTSPOT", { hotspotMode: null }), "hotspotMode"],
    ["time hotspot without validity", packageInput("HOTSPOT", { validityMinutes: null }), "validityMinutes"],
    [
      "data hotspot without a cap",
      packageInput("HOTSPOT", { hotspotMode: "DATA", validityMinutes: null }),
      "dataCapMb",
    ],
    ["hotspot billed monthly", packageInput("HOTSPOT", { billingCycle: "MONTHLY" }), "billingCycle"],
    ["PPPoE billed per validity", packageInput("PPPOE", { billingCycle: "VALIDITY" }), "billingCycle"],
    ["PPPoE with a hotspot mode", packageInput("PPPOE", { hotspotMode: "TIME" }), "hotspotMode"],
    ["zero speed", packageInput("PPPOE", { downloadKbps: 0 }), "downloadKbps"],
    ["burst below base", packageInput("PPPOE", { burstDownloadKbps: 10_000 }), "burstDownloadKbps"],
    ["fair-use not below base", packageInput("PPPOE", { dataCapMb: 100_000, fupUploadKbps: 5_000 }), "fupUploadKbps"],
    ["promo not below price", packageInput("PPPOE", { promoPriceMinor: 2_500, promoCycles: 1 }), "promoPriceMinor"],
    ["promo without cycles", packageInput("PPPOE", { promoPriceMinor: 1_000 }), "promoCycles"],
    [
      "volume tiers out of order",
      packageInput("CORPORATE", {
        volumeDiscounts: [
          { minQuantity: 10, discountBps: 500 },
          { minQuantity: 5, discountBps: 200 },
        ],
      }),
      "volumeDiscounts",
    ],
    [
      "volume tiers repeated",
      packageInput("CORPORATE", {
        volumeDiscounts: [
          { minQuantity: 5, discountBps: 500 },
          { minQuantity: 5, discountBps: 200 },
        ],
      }),
      "volumeDiscounts",
    ],
    [
      "discount over 100 %",
      packageInput("CORPORATE", { volumeDiscounts: [{ minQuantity: 5, discountBps: 10_001 }] }),
      "volumeDiscounts.0.discountBps",
    ],
    ["SLA uptime over 100 %", packageInput("CORPORATE", { slaUptimeBps: 10_001 }), "slaUptimeBps"],
    ["fractional price", packageInput("PPPOE", { priceMinor: 25.5 }), "priceMinor"],
  ])("refuses %s with a field error, writing nothing", async (_label, input, field) => {
    const before = await packageCount();
    const f = await failure(noc.packages.create({ ...input, code: `BAD-${newId().slice(0, 6)}` }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(Object.keys(f.fields ?? {})).toContain(field);
    expect(await packageCount()).toBe(before);
  });

  it("a second package with the same code is a CONFLICT on the code field", async () => {
    await noc.packages.create(packageInput("PPPOE", { code: "DUP-1" }));
    const f = await failure(noc.packages.create(packageInput("FIBER", { code: "dup-1" })));
    expect(f).toMatchObject({ code: "CONFLICT", fields: { code: "Already used by another package." } });
    const other = await noc.packages.create(packageInput("FIBER", { code: "DUP-2" }));
    const g = await failure(noc.packages.update({ id: other.id, data: packageInput("FIBER", { code: "DUP-1" }) }));
    expect(g.code).toBe("CONFLICT");
    // The same code in another company is fine.
    const other2 = await makeCompany("pkg-other");
    const otherNoc = await callerAs(other2.company, (await makeUser(other2.company.id, "NETWORK_ADMIN")).id);
    expect((await otherNoc.packages.create(packageInput("PPPOE", { code: "DUP-1" }))).code).toBe("DUP-1");
  });

  it("updates with the full rules and audits before/after", async () => {
    const pkg = await noc.packages.create(packageInput("PPPOE", { code: "UPD-1" }));
    const updated = await noc.packages.update({
      id: pkg.id,
      data: packageInput("PPPOE", {
        code: "UPD-1",
        name: "Home 25",
        downloadKbps: 25_000,
        promoPriceMinor: 1_500,
        promoCycles: 3,
      }),
    });
    expect(updated).toMatchObject({ name: "Home 25", downloadKbps: 25_000, promoCycles: 3 });
    const entry = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findFirst({ where: { action: "package.update", entityId: pkg.id } }),
    );
    expect(entry?.before).toMatchObject({ name: "Home 20" });
    expect(entry?.after).toMatchObject({ name: "Home 25" });
  });
});

describe("archive versus delete", () => {
  it("an unused package is deleted; a used one must be archived instead", async () => {
    const unused = await noc.packages.create(packageInput("PPPOE", { code: "DEL-1" }));
    expect(await noc.packages.delete({ id: unused.id })).toEqual({ id: unused.id });
    expect((await failure(noc.packages.get({ id: unused.id }))).code).toBe("NOT_FOUND");

    const used = await noc.packages.create(packageInput("PPPOE", { code: "DEL-2" }));
    const customer = await makeCustomer(co.company.id);
    await withTenant(co.company.id, (tx) =>
      tx.subscription.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          customerId: customer.id,
          packageId: used.id,
          startDate: new Date("2026-12-01"),
        },
      }),
    );
    const f = await failure(noc.packages.delete({ id: used.id }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/1 subscription.*archive it instead/);

    const archived = await noc.packages.archive({ id: used.id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect((await noc.packages.list({ search: "DEL-2" })).total).toBe(0);
    expect((await noc.packages.list({ search: "DEL-2", archived: "archived" })).rows.map((p) => p.id)).toEqual([
      used.id,
    ]);
    expect((await noc.packages.unarchive({ id: used.id })).archivedAt).toBeNull();
  });

  it("a package a lead is interested in cannot be deleted either", async () => {
    const pkg = await noc.packages.create(packageInput("FIBER", { code: "LEAD-1" }));
    await withTenant(co.company.id, (tx) =>
      tx.lead.create({
        data: { id: newId(), companyId: co.company.id, name: "Prospect", interestedPackageId: pkg.id },
      }),
    );
    expect((await failure(noc.packages.delete({ id: pkg.id }))).message).toMatch(/1 lead/);
  });
});

describe("listing", () => {
  it("filters by type and visibility, searches name and code, pages", async () => {
    await noc.packages.create(
      packageInput("HOTSPOT", { code: "LST-H1", name: "Listing hotspot", visibility: "STAFF_ONLY" }),
    );
    const hot = await noc.packages.list({ type: "HOTSPOT", pageSize: 100 });
    expect(hot.rows.every((p) => p.type === "HOTSPOT")).toBe(true);
    expect((await noc.packages.list({ visibility: "STAFF_ONLY" })).rows.map((p) => p.code)).toEqual(["LST-H1"]);
    expect((await noc.packages.list({ search: "listing hot" })).total).toBe(1);
    const page = await noc.packages.list({ pageSize: 2, page: 2, sort: "code" });
    expect(page.rows).toHaveLength(2);
    expect(page.pageCount).toBeGreaterThan(1);
  });
});
