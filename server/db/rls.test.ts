import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "./tenant";

// Raw-SQL proof that tenancy is enforced by PostgreSQL itself, not by our query code.
const owner = () => new pg.Client({ connectionString: process.env.DATABASE_URL });
const app = () => new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
let ownerClient: pg.Client;

beforeAll(async () => {
  ownerClient = owner();
  await ownerClient.connect();
  for (const c of ["a", "b"]) {
    await ownerClient.query(
      `INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt") VALUES ($1, $2, $3, 'USD', 'UTC', 'US', now())`,
      [`co_${c}`, `Company ${c}`, `rls-${c}`],
    );
    await ownerClient.query(
      `INSERT INTO "User" (id, "companyId", email, name, "passwordHash", role, "updatedAt") VALUES ($1, $2, $3, 'U', 'x', 'SUPER_ADMIN', now())`,
      [`u_${c}`, `co_${c}`, `admin@${c}.test`],
    );
    await ownerClient.query(
      `INSERT INTO "AuditEntry" (id, "companyId", "actorType", action, "entityType") VALUES ($1, $2, 'SYSTEM', 'test', 'User')`,
      [`ae_${c}`, `co_${c}`],
    );
  }
});
afterAll(() => ownerClient.end());

describe("row-level security", () => {
  it("the app role is neither superuser nor able to bypass RLS", async () => {
    const { rows } = await ownerClient.query(
      `SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'lastmile_app'`,
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it("a query without the company setting returns no rows", async () => {
    const c = app();
    await c.connect();
    try {
      for (const table of ["User", "AuditEntry", "Company"]) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM "${table}"`);
        expect(rows[0].n, table).toBe(0);
      }
    } finally {
      await c.end();
    }
  });

  it("with a company set, only that company's rows are visible and writable", async () => {
    const c = app();
    await c.connect();
    try {
      await c.query("BEGIN");
      await c.query(`SELECT set_config('app.company_id', 'co_a', true)`);
      const { rows } = await c.query(`SELECT email FROM "User"`);
      expect(rows.map((r) => r.email)).toEqual(["admin@a.test"]);
      const upd = await c.query(`UPDATE "User" SET name = 'hacked' WHERE id = 'u_b'`);
      expect(upd.rowCount).toBe(0);
      await expect(
        c.query(
          `INSERT INTO "User" (id, "companyId", email, name, "passwordHash", role, "updatedAt") VALUES ('u_x', 'co_b', 'x@b.test', 'X', 'x', 'CUSTOMER', now())`,
        ),
      ).rejects.toThrow(/row-level security/);
      await c.query("ROLLBACK");
    } finally {
      await c.end();
    }
  });

  it("the audit trail cannot be edited or deleted, even by the owner", async () => {
    await expect(ownerClient.query(`UPDATE "AuditEntry" SET action = 'x' WHERE id = 'ae_a'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ownerClient.query(`DELETE FROM "AuditEntry" WHERE id = 'ae_a'`)).rejects.toThrow(/append-only/);
    const c = app();
    await c.connect();
    try {
      await c.query("BEGIN");
      await c.query(`SELECT set_config('app.company_id', 'co_a', true)`);
      await expect(c.query(`DELETE FROM "AuditEntry"`)).rejects.toThrow(/permission denied/);
      await c.query("ROLLBACK");
    } finally {
      await c.end();
    }
  });

  it("erasure's redaction is the only change the audit trail allows, and only in the current company", async () => {
    for (const c of ["a", "b"])
      await ownerClient.query(
        `INSERT INTO "AuditEntry" (id, "companyId", "actorType", action, "entityType", "entityId", after)
         VALUES ($1, $2, 'USER', 'customer.update', 'Customer', 'cust_1', $3)`,
        [`ae_erase_${c}`, `co_${c}`, JSON.stringify({ email: "jane@x.test", note: "Call Jane Doe" })],
      );
    const c = app();
    await c.connect();
    try {
      await c.query("BEGIN");
      await c.query(`SELECT set_config('app.company_id', 'co_a', true)`);
      // The setting the trigger honours does not give the app role an UPDATE it was never granted.
      await c.query(`SELECT set_config('lastmile.audit_redaction', 'on', true)`);
      await expect(c.query(`UPDATE "AuditEntry" SET action = 'x' WHERE id = 'ae_a'`)).rejects.toThrow(
        /permission denied/,
      );
      await c.query("ROLLBACK");
      await c.query("BEGIN");
      await c.query(`SELECT set_config('app.company_id', 'co_a', true)`);
      const { rows } = await c.query(
        `SELECT lastmile_redact_audit(ARRAY['cust_1'], NULL, ARRAY['email'], ARRAY['Jane Doe']) AS changed`,
      );
      expect(rows[0].changed).toBe(1);
      await c.query("COMMIT");
    } finally {
      await c.end();
    }
    const { rows } = await ownerClient.query(
      `SELECT id, after FROM "AuditEntry" WHERE id LIKE 'ae_erase_%' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: "ae_erase_a", after: { email: "[redacted]", note: "Call [redacted]" } },
      { id: "ae_erase_b", after: { email: "jane@x.test", note: "Call Jane Doe" } },
    ]);
    // And outside that function the trail is as append-only as ever.
    await expect(ownerClient.query(`UPDATE "AuditEntry" SET action = 'x' WHERE id = 'ae_b'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it("every table with a companyId column forces RLS with a policy", async () => {
    const { rows } = await ownerClient.query(`
      SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c JOIN information_schema.columns col ON col.table_name = c.relname AND col.column_name = 'companyId'
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows)
      expect({
        table: r.relname,
        rls: r.relrowsecurity,
        forced: r.relforcerowsecurity,
        policy: r.policies > 0,
      }).toEqual({ table: r.relname, rls: true, forced: true, policy: true });
  });

  it("withTenant scopes Prisma queries to one company", async () => {
    const users = await withTenant("co_b", (tx) => tx.user.findMany({ select: { email: true } }));
    expect(users).toEqual([{ email: "admin@b.test" }]);
  });
});
