import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import * as apiTokens from "../auth/api-tokens";
import { exportCustomer, exportMine } from "./rest";

// The export over REST: who may download which file, and what the download looks like.

const host = hostOf("privacy-rest");
const tokens = {} as Record<"manager" | "technician" | "customer", string>;
let customerId: string;

beforeAll(async () => {
  const co = await makeCompany("privacy-rest");
  const admin = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
  const customer = await admin.customers.create({
    firstName: "Achieng",
    lastName: "Odhiambo",
    email: "achieng@mailbox.example",
    notes: "Staff only: prefers calls after 6pm",
  });
  customerId = customer.id;
  const user = await makeUser(co.company.id, "CUSTOMER", { email: "achieng@mailbox.example" });
  await withTenant(co.company.id, (tx) => tx.customer.update({ where: { id: customerId }, data: { userId: user.id } }));
  for (const [key, role] of [
    ["manager", "CUSTOMER_SERVICE_MANAGER"],
    ["technician", "FIELD_TECHNICIAN"],
  ] as const) {
    const staff = await makeUser(co.company.id, role);
    tokens[key] = (await apiTokens.issue(co.company.id, staff, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
  }
  tokens.customer = (
    await apiTokens.issue(co.company.id, user, { ip: "203.0.113.9", userAgent: "vitest" })
  ).accessToken;
});

describe("GET /api/customers/{id}/export", () => {
  it("downloads the customer's data as JSON or a ZIP of CSV files, never cached", async () => {
    const json = await call(exportCustomer, { host, token: tokens.manager, params: { id: customerId } });
    expect(json.status, json.text).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="acc-000001-data-.*\.json"$/);
    expect(json.headers.get("cache-control")).toBe("private, no-store");
    expect(json.body.profile.email).toBe("achieng@mailbox.example");
    expect(json.body.staffNotes.notes).toBe("Staff only: prefers calls after 6pm");

    const zip = await call(exportCustomer, {
      host,
      token: tokens.manager,
      params: { id: customerId },
      query: { format: "csv" },
    });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.text.startsWith("PK")).toBe(true);
  });

  it("is refused without privacy:export, and for an unknown customer or format", async () => {
    expect((await call(exportCustomer, { host, token: tokens.technician, params: { id: customerId } })).status).toBe(
      403,
    );
    expect((await call(exportCustomer, { host, token: tokens.customer, params: { id: customerId } })).status).toBe(403);
    expect((await call(exportCustomer, { host, token: tokens.manager, params: { id: "nobody" } })).status).toBe(404);
    const bad = await call(exportCustomer, {
      host,
      token: tokens.manager,
      params: { id: customerId },
      query: { format: "xlsx" },
    });
    expect(bad.status).toBe(400);
  });
});

describe("GET /api/me/export", () => {
  it("gives a customer their own data without staff notes", async () => {
    const res = await call(exportMine, { host, token: tokens.customer });
    expect(res.status, res.text).toBe(200);
    expect(res.body.export.audience).toBe("customer");
    expect(res.body.profile.email).toBe("achieng@mailbox.example");
    expect(res.text).not.toContain("prefers calls after 6pm");
  });

  it("is for customers only", async () => {
    expect((await call(exportMine, { host, token: tokens.manager })).status).toBe(403);
  });
});
