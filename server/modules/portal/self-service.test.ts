import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { packageInput } from "../subscriptions/testing";

// What a signed-in customer receives about themselves. Staff keep notes, tags, tax ids and ID
// documents on the same record; none of it may reach the portal. The field lists below are the
// whole contract: a field added to an answer fails here until it is allowed on purpose.

const CUSTOMER_FIELDS = [
  "accountNo",
  "altPhone",
  "billingAddress",
  "businessName",
  "contactChannel",
  "displayName",
  "email",
  "firstName",
  "id",
  "language",
  "lastName",
  "paperlessBilling",
  "phone",
  "serviceAddress",
  "status",
  "type",
];
const SERVICE_FIELDS = ["id", "installationAddress", "package", "startDate", "status"];
const PACKAGE_FIELDS = [
  "archivedAt",
  "code",
  "downloadKbps",
  "id",
  "name",
  "priceMinor",
  "requiresStaticIp",
  "type",
  "uploadKbps",
];
const REQUEST_FIELDS = ["apply", "createdAt", "decisionNote", "effectiveDate", "id", "kind", "status"];

const STAFF_ONLY = ["Suspected fraud: ID did not match", "vip-watch", "P051234567X", "A1234567"];

type Portal = Awaited<ReturnType<typeof callerAs>>;
let portal: Portal;
let spareSubscriptionId: string;
let staffOnlyPackageId: string;
let publicUpgradeId: string;

beforeAll(async () => {
  const co = await makeCompany("portal-fields");
  const staff = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
  const customer = await staff.customers.create({
    firstName: "Neema",
    lastName: "Achieng",
    email: "neema@example.com",
    phone: "+254711222333",
    serviceAddress: "4 Baobab Road",
    taxId: STAFF_ONLY[2],
    idDocumentType: "NATIONAL_ID",
    idDocumentNumber: STAFF_ONLY[3],
    notes: STAFF_ONLY[0],
    tags: [STAFF_ONLY[1]],
  });
  const pkg = await staff.packages.create(packageInput("PPPOE"));
  const sub = await staff.subscriptions.create({ customerId: customer.id, packageId: pkg.id, startDate: "2026-12-01" });
  const user = await makeUser(co.company.id, "CUSTOMER", { email: "neema@example.com" });
  await withTenant(co.company.id, (tx) =>
    tx.customer.update({ where: { id: customer.id }, data: { userId: user.id } }),
  );
  portal = await callerAs(co.company, user.id);
  spareSubscriptionId = (
    await staff.subscriptions.create({ customerId: customer.id, packageId: pkg.id, startDate: "2026-12-01" })
  ).subscription.id;
  staffOnlyPackageId = (
    await staff.packages.create(
      packageInput("PPPOE", { name: "Staff 50", code: "STAFF-50", priceMinor: 9_000, visibility: "STAFF_ONLY" }),
    )
  ).id;
  publicUpgradeId = (
    await staff.packages.create(packageInput("PPPOE", { name: "Home 40", code: "HOME-40", priceMinor: 4_000 }))
  ).id;
  await portal.portal.requestChange({
    subscriptionId: sub.subscription.id,
    kind: "RELOCATION",
    newAddress: "9 Jacaranda Close",
    effectiveDate: "2027-01-15",
  });
});

const keys = (o: object) => Object.keys(o).sort();

describe("the portal's own view of a customer", () => {
  it("overview returns only the fields allowed for customers, and no staff note, tag, tax id or ID document", async () => {
    const overview = await portal.portal.overview();
    expect(keys(overview.customer)).toEqual(CUSTOMER_FIELDS);
    expect(overview.services).toHaveLength(2);
    for (const s of overview.services) {
      expect(keys(s)).toEqual(SERVICE_FIELDS);
      expect(keys(s.package)).toEqual(PACKAGE_FIELDS);
    }
    expect(overview.requests).toHaveLength(1);
    for (const r of overview.requests) expect(keys(r)).toEqual(REQUEST_FIELDS);
    const sent = JSON.stringify(overview);
    for (const secret of STAFF_ONLY) expect(sent).not.toContain(secret);
  });

  it("saving contact details answers with the same view", async () => {
    const saved = await portal.portal.updateContact({
      phone: "+254711999888",
      contactChannel: "SMS",
      paperlessBilling: true,
    });
    expect(keys(saved)).toEqual(CUSTOMER_FIELDS);
    expect(saved).toMatchObject({ phone: "+254711999888", contactChannel: "SMS" });
    const sent = JSON.stringify(saved);
    for (const secret of STAFF_ONLY) expect(sent).not.toContain(secret);
  });
});

describe("packages a customer may ask for", () => {
  it("a staff-only package is not found to the portal and nothing is recorded; a public one can be asked for", async () => {
    const before = (await portal.portal.overview()).requests.length;
    const ask = (packageId: string) =>
      portal.portal.requestChange({
        subscriptionId: spareSubscriptionId,
        kind: "UPGRADE",
        packageId,
        effectiveDate: "2027-02-01",
      });
    expect(await failure(ask(staffOnlyPackageId))).toMatchObject({ code: "NOT_FOUND" });
    expect((await portal.portal.overview()).requests).toHaveLength(before);
    await expect(ask(publicUpgradeId)).resolves.toMatchObject({ kind: "UPGRADE", status: "PENDING" });
  });
});
