import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../db/migrate";
import { adminQuery, urlFor } from "../../test/databases";

// An installation from before devices: CPE serials typed on subscriptions, tickets naming a
// device in free text, and equipment serials on work orders. Migrating turns each distinct CPE
// serial into a CPE device the subscriptions point at, and links what matches to it.

const BEFORE = "20261203123000_wallet_prepaid";
const database = `lastmile_devmig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let client: pg.Client;

async function oldInstallation() {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  for (const co of ["co_a", "co_b"]) {
    await q(
      `INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt")
       VALUES ($1, $1, $1, 'KES', 'Africa/Nairobi', 'KE', now())`,
      [co],
    );
    await q(
      `INSERT INTO "Customer" (id, "companyId", "accountNumber", "firstName", "updatedAt") VALUES ($1, $2, 1, 'Old', now())`,
      [`cu_${co}`, co],
    );
    await q(
      `INSERT INTO "Package" (id, "companyId", name, code, type, "downloadKbps", "uploadKbps", "priceMinor", "updatedAt")
       VALUES ($1, $2, 'Fibre', 'F', 'FIBER', 1000, 1000, 100, now())`,
      [`pk_${co}`, co],
    );
    await q(`INSERT INTO "TicketCategory" (id, "companyId", "group", name) VALUES ($1, $2, 'TECHNICAL', 'No link')`, [
      `tc_${co}`,
      co,
    ]);
  }
  const subs: [string, string, string | null, string][] = [
    ["su_1", "co_a", "ZTEG-100", "ACTIVE"],
    ["su_2", "co_a", " zteg-100 ", "TERMINATED"], // the same box typed again, another case
    ["su_3", "co_a", "HWTC-7", "PENDING"],
    ["su_4", "co_a", null, "ACTIVE"],
    ["su_5", "co_a", "   ", "ACTIVE"],
    ["su_6", "co_b", "ZTEG-100", "ACTIVE"], // the same serial at another company: its own device
  ];
  for (const [id, co, serial, status] of subs)
    await q(
      `INSERT INTO "Subscription" (id, "companyId", "customerId", "packageId", "startDate", status, "cpeSerial", "updatedAt")
       VALUES ($1, $2, $3, $4, '2026-01-01', $5, $6, now())`,
      [id, co, `cu_${co}`, `pk_${co}`, status, serial],
    );
  const tickets: [string, string, string | null][] = [
    ["ti_1", "co_a", "zteg-100"],
    ["ti_2", "co_a", "CPE HWTC-7"],
    ["ti_3", "co_a", "the big router on the hill"],
    ["ti_4", "co_b", "HWTC-7"], // B has no such device
  ];
  let n = 1;
  for (const [id, co, ref] of tickets)
    await q(
      `INSERT INTO "Ticket" (id, "companyId", number, subject, description, "categoryId", "responseTargetMin", "resolutionTargetMin", "deviceRef", "updatedAt")
       VALUES ($1, $2, $3, 'No internet', 'x', $4, 60, 480, $5, now())`,
      [id, co, n++, `tc_${co}`, ref],
    );
  await q(
    `INSERT INTO "WorkOrder" (id, "companyId", number, kind, title, "windowStart", "windowEnd", address, "updatedAt")
     VALUES ('wo_1', 'co_a', 1, 'INSTALLATION', 'Install', now(), now(), 'Here', now())`,
  );
  await q(
    `INSERT INTO "WorkOrderEquipment" (id, "companyId", "workOrderId", description, serial)
     VALUES ('we_1', 'co_a', 'wo_1', 'ONT', 'HWTC-7'), ('we_2', 'co_a', 'wo_1', 'Cable', 'UNKNOWN-1')`,
  );
}

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${database}"`);
  client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

describe("free-text equipment becomes devices", () => {
  it("CPE serials become CPE devices, and tickets and work-order equipment that name one point at it", async () => {
    await migrate(urlFor(database), () => {}, { upTo: BEFORE });
    await oldInstallation();
    await migrate(urlFor(database));

    const devices = (
      await client.query(
        `SELECT d.id, d."companyId", d.name, d.serial, d.status::text, t.model, t.role::text, m.name AS maker
           FROM "Device" d JOIN "DeviceType" t ON t.id = d."deviceTypeId" JOIN "Manufacturer" m ON m.id = t."manufacturerId"
          ORDER BY d."companyId", d.serial`,
      )
    ).rows;
    expect(devices.map((d) => [d.companyId, d.serial, d.status, d.role, d.maker, d.model])).toEqual([
      ["co_a", "HWTC-7", "PLANNED", "CPE", "Unknown", "Customer CPE"],
      ["co_a", "ZTEG-100", "ACTIVE", "CPE", "Unknown", "Customer CPE"],
      ["co_b", "ZTEG-100", "ACTIVE", "CPE", "Unknown", "Customer CPE"],
    ]);
    const idOf = (co: string, serial: string) => devices.find((d) => d.companyId === co && d.serial === serial)!.id;

    const subs = Object.fromEntries(
      (await client.query(`SELECT id, "cpeDeviceId" FROM "Subscription"`)).rows.map((r) => [r.id, r.cpeDeviceId]),
    );
    expect(subs).toEqual({
      su_1: idOf("co_a", "ZTEG-100"),
      su_2: idOf("co_a", "ZTEG-100"),
      su_3: idOf("co_a", "HWTC-7"),
      su_4: null,
      su_5: null,
      su_6: idOf("co_b", "ZTEG-100"),
    });

    const tickets = Object.fromEntries(
      (await client.query(`SELECT id, "deviceId", "deviceRef" FROM "Ticket"`)).rows.map((r) => [
        r.id,
        [r.deviceId, r.deviceRef],
      ]),
    );
    expect(tickets).toEqual({
      ti_1: [idOf("co_a", "ZTEG-100"), null],
      ti_2: [idOf("co_a", "HWTC-7"), null],
      ti_3: [null, "the big router on the hill"],
      ti_4: [null, "HWTC-7"],
    });

    const equipment = Object.fromEntries(
      (await client.query(`SELECT id, "deviceId" FROM "WorkOrderEquipment"`)).rows.map((r) => [r.id, r.deviceId]),
    );
    expect(equipment).toEqual({ we_1: idOf("co_a", "HWTC-7"), we_2: null });

    // Row-level security is back on the tables the migration lifted it from.
    const forced = (
      await client.query(
        `SELECT relname FROM pg_class WHERE relname IN ('Subscription', 'Ticket', 'WorkOrderEquipment', 'Device') AND relforcerowsecurity ORDER BY relname`,
      )
    ).rows.map((r) => r.relname);
    expect(forced).toEqual(["Device", "Subscription", "Ticket", "WorkOrderEquipment"]);
  });
});
