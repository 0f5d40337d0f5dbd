import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { WITHHELD_COLUMN } from "./service";

// The company export as a Super Admin downloads it: a ZIP with one CSV per tenant-owned table,
// holding the company's rows and not one of another company's.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let a: Awaited<ReturnType<typeof makeCompany>>;
let b: Awaited<ReturnType<typeof makeCompany>>;
let aAdmin: Caller;
let aCustomerId: string;
let bCustomerId: string;

/** The archive's files by name, unpacked by Info-ZIP's unzip as a user's system would. */
function unzipAll(base64: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "company-export-"));
  const file = path.join(dir, "export.zip");
  writeFileSync(file, Buffer.from(base64, "base64"));
  execFileSync("unzip", ["-q", file, "-d", path.join(dir, "out")]);
  const names = readdirSync(path.join(dir, "out"));
  return new Map(names.map((n) => [n, readFileSync(path.join(dir, "out", n), "utf8")]));
}

beforeAll(async () => {
  a = await makeCompany("export-a");
  b = await makeCompany("export-b");
  // Super admins with two-factor enrolled (the owner has none yet, and must enrol first).
  aAdmin = await callerAs(a.company, (await makeUser(a.company.id, "SUPER_ADMIN")).id);
  const bAdmin = await callerAs(b.company, (await makeUser(b.company.id, "SUPER_ADMIN")).id);
  aCustomerId = (
    await aAdmin.customers.create({ firstName: "Amina", lastName: "Export", email: "amina@export-a.test" })
  ).id;
  bCustomerId = (
    await bAdmin.customers.create({ firstName: "Baraka", lastName: "Other", email: "baraka@export-b.test" })
  ).id;
});

// Reads every table of the database: seconds, more on a loaded machine.
describe("company export", { timeout: 180_000 }, () => {
  it("holds a CSV for every tenant-owned table with the company's rows and none of another company's", async () => {
    const file = await aAdmin.companyExport.download();
    expect(file.filename).toMatch(/^export-a-lastmile-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipAll(file.base64);

    // Every table with a companyId column, as the owner sees the catalogue (not as the export found it).
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    const tenantTables = (
      await owner.query<{ t: string }>(
        `SELECT DISTINCT table_name AS t FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'companyId'`,
      )
    ).rows.map((r) => r.t);
    await owner.end();
    expect(tenantTables.length).toBeGreaterThan(50);
    for (const t of [...tenantTables, "Company"]) expect(files.has(`${t}.csv`), `${t}.csv`).toBe(true);

    expect(files.get("Company.csv")).toContain(a.company.id);
    expect(files.get("Customer.csv")).toContain(aCustomerId);
    expect(files.get("Customer.csv")).toContain("amina@export-a.test");
    expect(files.get("User.csv")).toContain(`owner@export-a.test`);
    const everything = [...files.values()].join("\n");
    for (const ofB of [b.company.id, bCustomerId, "baraka@export-b.test", "owner@export-b.test"])
      expect(everything).not.toContain(ofB);

    // Hashes and sealed values stay out; the manifest counts what each file holds.
    expect(files.get("User.csv")!.split("\r\n")[0]).not.toContain("passwordHash");
    const manifest = JSON.parse(files.get("manifest.json")!) as { tables: { table: string; rows: number }[] };
    const customers = manifest.tables.find((t) => t.table === "Customer")!;
    expect(customers.rows).toBe(1);
    expect(files.get("Customer.csv")!.trim().split("\r\n")).toHaveLength(2);
    expect(WITHHELD_COLUMN.test("passwordHash") && WITHHELD_COLUMN.test("secretKeySealed")).toBe(true);

    // The download is in the audit log.
    const entries = await withTenant(a.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "company.data_export" } }),
    );
    expect(entries).toHaveLength(1);
  });

  it("is refused to anyone but a Super Admin", async () => {
    const manager = await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER");
    const caller = await callerAs(a.company, manager.id);
    expect((await failure(caller.companyExport.download())).code).toBe("FORBIDDEN");
  });
});
