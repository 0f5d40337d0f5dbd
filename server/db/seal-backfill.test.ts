import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_STEPS, sealCustomerIdentifiers } from "../../prisma/data-migrations";
import { blindIndex } from "../lib/blind-index";
import { seal, unseal } from "../lib/crypto";
import { resetEnvCache } from "../lib/env";
import { adminQuery, urlFor } from "../test/databases";
import { listMigrations, migrate } from "./migrate";

// An installation from before sealing has tax ids and ID document numbers in clear, in the
// customer rows and in their audit entries. Migrating it seals them and drops the clear columns;
// nothing is left in clear, and the step that moves them can run any number of times.

const BEFORE_DROP = "20261203080149_seal_customer_identifiers";
const DROP = "20261203080150_drop_clear_customer_identifiers";
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const database = `lastmile_seal_${suffix}`;
// A managed PostgreSQL gives the migrations an owner that is no superuser: row-level security
// (FORCE) applies to it too, and the step must still reach every company's rows.
const owner = `lastmile_seal_owner_${suffix}`;
let client: pg.Client;

/** The tables the step and the migration change, handed to an owner that is not a superuser. */
async function handToOwner() {
  await client.query(`CREATE ROLE ${owner} LOGIN NOSUPERUSER NOBYPASSRLS`);
  await client.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${owner}`);
  await client.query(`GRANT ALL ON "_prisma_migrations" TO ${owner}`);
  for (const table of ["Customer", "AuditEntry", "User"])
    await client.query(`ALTER TABLE "${table}" OWNER TO ${owner}`);
}

/** Two companies with customers of the old shape: the same ID number at both, and one audit entry in clear. */
async function oldInstallation() {
  for (const [id, slug] of [
    ["co_a", "seal-a"],
    ["co_b", "seal-b"],
  ])
    await client.query(
      `INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt")
       VALUES ($1, $2, $2, 'KES', 'Africa/Nairobi', 'KE', now())`,
      [id, slug],
    );
  const customers = [
    ["cu_1", "co_a", 1, "P051234567X", "12345678"],
    ["cu_2", "co_a", 2, null, "87654321"],
    ["cu_3", "co_b", 1, null, "12345678"],
    ["cu_4", "co_b", 2, null, null],
  ];
  for (const [id, companyId, accountNumber, taxId, idNumber] of customers)
    await client.query(
      `INSERT INTO "Customer" (id, "companyId", "accountNumber", "firstName", "taxId", "idDocumentNumber", "updatedAt")
       VALUES ($1, $2, $3, 'Old', $4, $5, now())`,
      [id, companyId, accountNumber, taxId, idNumber],
    );
  await client.query(
    `INSERT INTO "AuditEntry" (id, "companyId", "actorType", action, "entityType", "entityId", "before", "after")
     VALUES ('au_1', 'co_a', 'SYSTEM', 'customer.update', 'Customer', 'cu_1',
             '{"taxId": null, "idDocumentNumber": "11112222"}', '{"taxId": "P051234567X", "idDocumentNumber": "12345678"}')`,
  );
}

const sealedColumns = async () =>
  (
    await client.query(
      `SELECT id, "companyId", "taxId", "idDocumentNumber", "taxIdSealed", "taxIdHmac", "idDocumentNumberSealed", "idDocumentNumberHmac"
         FROM "Customer" ORDER BY id`,
    )
  ).rows;

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${database}"`);
  client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(`DROP ROLE IF EXISTS ${owner}`);
});

describe("sealing the identifiers of an existing installation", () => {
  it("every data step precedes a migration that exists", async () => {
    const names = new Set((await listMigrations()).map((m) => m.name));
    expect(Object.keys(DATA_STEPS).filter((n) => !names.has(n))).toEqual([]);
    expect(DATA_STEPS[DROP]).toBe(sealCustomerIdentifiers);
  });

  it("the SQL alone refuses to drop clear values that were not sealed", async () => {
    await migrate(urlFor(database), () => {}, { upTo: BEFORE_DROP });
    await oldInstallation();
    await handToOwner();
    await expect(migrate(urlFor(database, owner), () => {}, { dataSteps: {} })).rejects.toThrow(/not sealed yet/);
    // Rolled back: the clear columns and their values are still there for the real step.
    expect((await sealedColumns()).map((r) => r.idDocumentNumber)).toEqual(["12345678", "87654321", "12345678", null]);
  });

  it("the step refuses to seal under a key that does not open the database's TOTP seeds", async () => {
    const user = (totpSecret: string) =>
      client.query(
        `INSERT INTO "User" (id, "companyId", email, name, "passwordHash", role, "totpSecret", "updatedAt")
         VALUES ('us_1', 'co_a', 'admin@seal-a.test', 'Admin', 'x', 'SUPER_ADMIN', $1, now())
         ON CONFLICT (id) DO UPDATE SET "totpSecret" = excluded."totpSecret"`,
        [totpSecret],
      );
    const appKey = process.env.APP_ENCRYPTION_KEY;
    process.env.APP_ENCRYPTION_KEY = "the-production-key-of-this-isp";
    resetEnvCache();
    const sealedElsewhere = seal("JBSWY3DPEHPK3PXP");
    if (appKey === undefined) delete process.env.APP_ENCRYPTION_KEY;
    else process.env.APP_ENCRYPTION_KEY = appKey;
    resetEnvCache();
    await user(sealedElsewhere);
    await client.query("BEGIN");
    await client.query(`SET LOCAL ROLE ${owner}`);
    await expect(sealCustomerIdentifiers(client, () => {})).rejects.toThrow(/APP_ENCRYPTION_KEY is not the key/);
    await client.query("ROLLBACK");
    // With the key that sealed it, the step goes ahead (next test).
    await user(seal("JBSWY3DPEHPK3PXP"));
  });

  it("the step moves clear values into sealed columns with their blind index, and a second run changes nothing", async () => {
    const run = async () => {
      await client.query("BEGIN");
      await client.query(`SET LOCAL ROLE ${owner}`);
      await sealCustomerIdentifiers(client, () => {});
      await client.query("COMMIT");
      return sealedColumns();
    };
    const first = await run();
    for (const r of first) {
      expect(r.taxId).toBeNull();
      expect(r.idDocumentNumber).toBeNull();
    }
    const [one, two, three, four] = first;
    expect(unseal(one.taxIdSealed)).toBe("P051234567X");
    expect(unseal(one.idDocumentNumberSealed)).toBe("12345678");
    expect(one.taxIdHmac).toBe(blindIndex("co_a", "Customer.taxId", "P051234567X"));
    expect(one.idDocumentNumberHmac).toBe(blindIndex("co_a", "Customer.idDocumentNumber", "12345678"));
    expect(two).toMatchObject({ taxIdSealed: null, taxIdHmac: null });
    expect(unseal(two.idDocumentNumberSealed)).toBe("87654321");
    // The same number at another company: its own sealed value and an unrelated index.
    expect(unseal(three.idDocumentNumberSealed)).toBe("12345678");
    expect(three.idDocumentNumberHmac).toBe(blindIndex("co_b", "Customer.idDocumentNumber", "12345678"));
    expect(three.idDocumentNumberHmac).not.toBe(one.idDocumentNumberHmac);
    expect(four).toMatchObject({ idDocumentNumberSealed: null, idDocumentNumberHmac: null });

    expect(await run()).toEqual(first);
  });

  it("migrating seals what older code wrote meanwhile, drops the clear columns and redacts old audit entries", async () => {
    // An instance of the previous release kept writing the clear column until it stopped.
    await client.query(`UPDATE "Customer" SET "idDocumentNumber" = '99990000' WHERE id = 'cu_2'`);
    const lines: string[] = [];
    // Up to the drop only: later migrations touch tables this owner was not handed.
    expect((await migrate(urlFor(database, owner), (l) => lines.push(l), { upTo: DROP })).applied).toEqual([DROP]);
    expect(lines).toContain("sealed the tax ids and ID document numbers of 1 customer(s)");

    const rows = await sealedColumns().catch((e: Error) => e);
    expect(String(rows)).toMatch(/column "taxId" does not exist/);
    const { rows: customers } = await client.query(
      `SELECT row_to_json(c)::text AS row, c.* FROM "Customer" c ORDER BY id`,
    );
    expect(unseal(customers[1].idDocumentNumberSealed)).toBe("99990000");
    const { rows: audit } = await client.query(
      `SELECT "before", "after", row_to_json(a)::text AS row FROM "AuditEntry" a`,
    );
    expect(audit[0].before).toEqual({ taxId: null, idDocumentNumber: "[redacted]" });
    expect(audit[0].after).toEqual({ taxId: "[redacted]", idDocumentNumber: "[redacted]" });
    const everything = [...customers, ...audit].map((r) => r.row).join("\n");
    for (const clear of ["P051234567X", "12345678", "87654321", "99990000", "11112222"])
      expect(everything).not.toContain(clear);

    // The trail is append-only again, and row-level security forced again.
    await expect(client.query(`UPDATE "AuditEntry" SET action = 'x'`)).rejects.toThrow(/append-only/);
    const { rows: forced } = await client.query(
      `SELECT relname FROM pg_class WHERE relname IN ('Customer', 'AuditEntry') AND relforcerowsecurity ORDER BY relname`,
    );
    expect(forced.map((r) => r.relname)).toEqual(["AuditEntry", "Customer"]);
  });
});
