import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import type { Scope } from "../scope";
import { activate, addUsage, check, expireDue } from "./redemption";
import { VOUCHER_CODE_PATTERN } from "./schema";
import { voucherSheetResponse } from "./download";
import * as vouchers from "./service";

// Hotspot vouchers end to end: a manager prints a batch, a customer logs in at the hotspot,
// time or data runs out, staff disable a lost card.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type Caller = Awaited<ReturnType<typeof callerAs>>;

let co: Company;
let other: Company;
let manager: Caller;
const pkgs = {} as Record<"day" | "gig" | "pppoe" | "archived" | "otherCo", string>;

async function makePackage(companyId: string, data: Partial<Prisma.PackageUncheckedCreateInput> = {}) {
  return withTenant(companyId, (tx) =>
    tx.package.create({
      data: {
        id: newId(),
        companyId,
        name: "Day pass",
        code: `P-${Math.random().toString(36).slice(2, 8)}`,
        type: "HOTSPOT",
        hotspotMode: "TIME",
        validityMinutes: 1440,
        billingCycle: "VALIDITY",
        priceMinor: 5000,
        downloadKbps: 5120,
        uploadKbps: 1024,
        ...data,
      },
    }),
  );
}

const vouchersOf = (companyId: string, batchId: string) =>
  withTenant(companyId, (tx) => tx.voucher.findMany({ where: { batchId }, orderBy: { code: "asc" } }));
const countAll = (companyId: string) =>
  withTenant(companyId, async (tx) => ({
    batches: await tx.voucherBatch.count(),
    vouchers: await tx.voucher.count(),
    audit: await tx.auditEntry.count(),
  }));

beforeAll(async () => {
  co = await makeCompany("vouchers-isp", "Kibera Wireless");
  other = await makeCompany("vouchers-other", "Other ISP");
  manager = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  pkgs.day = (await makePackage(co.company.id, { name: "Day pass" })).id;
  pkgs.gig = (
    await makePackage(co.company.id, {
      name: "1 GB bundle",
      hotspotMode: "DATA",
      validityMinutes: null,
      dataCapMb: 1024,
      priceMinor: 10000,
    })
  ).id;
  pkgs.pppoe = (
    await makePackage(co.company.id, { name: "Home 10", type: "PPPOE", hotspotMode: null, billingCycle: "MONTHLY" })
  ).id;
  pkgs.archived = (await makePackage(co.company.id, { name: "Old pass", archivedAt: new Date() })).id;
  pkgs.otherCo = (await makePackage(other.company.id, { name: "Their pass" })).id;
});

describe("generating a batch", () => {
  it("makes N distinct, well-formed codes, with PINs when asked, and audits one entry with the count", async () => {
    const batch = await manager.vouchers.generateBatch({
      packageId: pkgs.day,
      quantity: 250,
      withPin: true,
      note: "  Shop 4, Toi market ",
    });
    expect(batch).toMatchObject({ quantity: 250, packageName: "Day pass" });
    const rows = await vouchersOf(co.company.id, batch.id);
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((v) => v.code)).size).toBe(250);
    for (const v of rows) {
      expect(v.code).toMatch(VOUCHER_CODE_PATTERN);
      expect(v.code).not.toMatch(/[01OIL]/);
      expect(v.pin).toMatch(/^\d{4}$/);
      expect(v.status).toBe("UNUSED");
    }
    const entries = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "voucher.batch_create", entityId: batch.id } }),
    );
    expect(entries).toEqual([
      expect.objectContaining({
        entityType: "VoucherBatch",
        after: expect.objectContaining({ count: 250, withPin: true, note: "Shop 4, Toi market" }),
      }),
    ]);
    const stored = await withTenant(co.company.id, (tx) => tx.voucherBatch.findUnique({ where: { id: batch.id } }));
    expect(stored).toMatchObject({ note: "Shop 4, Toi market", createdById: manager.ctx.viewer!.userId });
  });

  it("without PIN leaves the PIN empty", async () => {
    const batch = await manager.vouchers.generateBatch({ packageId: pkgs.gig, quantity: 3 });
    expect((await vouchersOf(co.company.id, batch.id)).map((v) => v.pin)).toEqual([null, null, null]);
  });

  it("refuses non-hotspot, archived, unknown and other companies' packages, and bad quantities, writing nothing", async () => {
    const before = await countAll(co.company.id);
    const otherBefore = await countAll(other.company.id);
    expect(await failure(manager.vouchers.generateBatch({ packageId: pkgs.pppoe, quantity: 5 }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Vouchers can only be made for hotspot packages.",
      fields: { packageId: "Vouchers can only be made for hotspot packages." },
    });
    expect((await failure(manager.vouchers.generateBatch({ packageId: pkgs.archived, quantity: 5 }))).message).toMatch(
      /archived/,
    );
    for (const packageId of [pkgs.otherCo, "no-such-package"]) {
      expect(await failure(manager.vouchers.generateBatch({ packageId, quantity: 5 }))).toMatchObject({
        code: "UNPROCESSABLE_CONTENT",
        fields: { packageId: "This package does not exist." },
      });
    }
    expect((await failure(manager.vouchers.generateBatch({ packageId: pkgs.day, quantity: 0 }))).fields).toEqual({
      quantity: "Make at least 1 voucher.",
    });
    expect((await failure(manager.vouchers.generateBatch({ packageId: pkgs.day, quantity: 1001 }))).fields).toEqual({
      quantity: "At most 1000 vouchers per batch.",
    });
    expect(await countAll(co.company.id)).toEqual(before);
    expect(await countAll(other.company.id)).toEqual(otherBefore);
  });

  it("offers only this company's hotspot packages that are on sale", async () => {
    const list = await manager.vouchers.hotspotPackages();
    expect(list.map((p) => p.name).sort()).toEqual(["1 GB bundle", "Day pass"]);
    expect(list.find((p) => p.name === "Day pass")).toMatchObject({
      price: "US$50.00",
      validity: "Valid 24 hours from first login",
      problem: null,
    });
    expect(list.find((p) => p.name === "1 GB bundle")).toMatchObject({ validity: "1 GB" });
  });
});

const RADIUS: Scope["actor"] = { type: "SYSTEM", label: "radius" };
const WRONG_PASSWORD = { accept: false, reason: "The NAS refused the password" } as const;

/**
 * A hotspot login the way FreeRADIUS makes it (server/modules/radius/access.ts): authorize
 * answers with the password to expect (the PIN, or the code itself when there is none), the NAS
 * compares it with what was typed, and post-auth activates the voucher.
 */
async function login(companyId: string, code: string, typed: string | null | undefined, now: Date) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: RADIUS };
    const checked = await check(scope, code, now);
    if (!checked.accept) return checked;
    const hasPin = checked.password !== checked.code;
    if (hasPin && typed?.trim() !== checked.password) return WRONG_PASSWORD;
    const activated = await activate(scope, code, now);
    return activated.accept ? { ...checked, ...activated } : activated;
  });
}

/** A session's usage as RADIUS accounting reports it, by the voucher's id. */
function usage(companyId: string, voucherId: string, used: { mb: number; seconds: number }) {
  return withTenant(companyId, (tx) => addUsage({ tx, companyId, actor: RADIUS }, voucherId, used));
}

describe("at the hotspot (RADIUS)", () => {
  async function oneVoucher(packageId: string, withPin = false) {
    const batch = await manager.vouchers.generateBatch({ packageId, quantity: 1, withPin });
    const [v] = await vouchersOf(co.company.id, batch.id);
    return { ...v, batchId: batch.id };
  }
  const t0 = new Date("2026-11-25T08:00:00Z");
  const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

  it("the first login activates a time voucher and starts its clock; later logins get the time left", async () => {
    const v = await oneVoucher(pkgs.day);
    const first = await login(co.company.id, v.code.toLowerCase().replace("-", " "), undefined, t0);
    expect(first).toMatchObject({ accept: true, firstLogin: true, expiresAt: minutes(1440) });
    expect(first.accept && first.attributes).toEqual([
      { attribute: "Session-Timeout", op: ":=", value: "86400" },
      { attribute: "Mikrotik-Rate-Limit", op: ":=", value: "1024k/5120k" },
    ]);
    const row = (await vouchersOf(co.company.id, v.batchId))[0];
    expect(row).toMatchObject({ status: "ACTIVE", firstUsedAt: t0, expiresAt: minutes(1440) });

    const later = await login(co.company.id, v.code, undefined, minutes(600));
    expect(later).toMatchObject({ accept: true, firstLogin: false, expiresAt: minutes(1440) });
    expect(later.accept && later.attributes[0]).toEqual({
      attribute: "Session-Timeout",
      op: ":=",
      value: String(840 * 60),
    });

    expect(await login(co.company.id, v.code, undefined, minutes(1440))).toEqual({
      accept: false,
      reason: "This voucher has expired",
    });
    expect((await vouchersOf(co.company.id, v.batchId))[0].status).toBe("EXPIRED");
    const audit = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: v.id }, orderBy: { createdAt: "asc" } }),
    );
    expect(audit.map((e) => e.action)).toEqual(["voucher.activate", "voucher.expire"]);
  });

  it("a data voucher gets a byte quota and expires when the allowance is used", async () => {
    const v = await oneVoucher(pkgs.gig);
    const first = await login(co.company.id, v.code, null, t0);
    expect(first).toMatchObject({ accept: true, expiresAt: null });
    expect(first.accept && first.attributes).toEqual([
      { attribute: "Mikrotik-Total-Limit", op: ":=", value: String(1024 * 1024 * 1024) },
      { attribute: "Mikrotik-Total-Limit-Gigawords", op: ":=", value: "0" },
      { attribute: "Mikrotik-Rate-Limit", op: ":=", value: "1024k/5120k" },
    ]);
    expect(await usage(co.company.id, v.id, { mb: 1000, seconds: 3600 })).toEqual({
      status: "ACTIVE",
      usedMb: 1000,
      usedSeconds: 3600,
      remainingMb: 24,
    });
    const again = await login(co.company.id, v.code, null, minutes(90));
    expect(again.accept && again.attributes[0]).toEqual({
      attribute: "Mikrotik-Total-Limit",
      op: ":=",
      value: String(24 * 1024 * 1024),
    });
    expect(await usage(co.company.id, v.id, { mb: 30, seconds: 60 })).toEqual({
      status: "EXPIRED",
      usedMb: 1030,
      usedSeconds: 3660,
      remainingMb: 0,
    });
    expect(await login(co.company.id, v.code, null, minutes(100))).toEqual({
      accept: false,
      reason: "This voucher has expired",
    });
  });

  it("a voucher with a PIN wants it as the password: a wrong or missing one starts nothing; the right one works", async () => {
    const v = await oneVoucher(pkgs.day, true);
    const wrong = v.pin === "0000" ? "0001" : "0000";
    for (const pin of [wrong, undefined, "", `${v.pin}9`]) {
      expect(await login(co.company.id, v.code, pin, t0)).toEqual(WRONG_PASSWORD);
    }
    expect((await vouchersOf(co.company.id, v.batchId))[0]).toMatchObject({ status: "UNUSED", firstUsedAt: null });
    expect(await login(co.company.id, v.code, v.pin, t0)).toMatchObject({ accept: true, firstLogin: true });
  });

  it("unknown codes, disabled vouchers and other companies' codes are refused", async () => {
    expect(await login(co.company.id, "ZZZZZ-ZZZZZ", undefined, t0)).toEqual({
      accept: false,
      reason: "Unknown voucher code",
    });
    expect(await login(co.company.id, "not a code", undefined, t0)).toEqual({
      accept: false,
      reason: "Unknown voucher code",
    });
    const v = await oneVoucher(pkgs.day);
    expect(await login(other.company.id, v.code, undefined, t0)).toEqual({
      accept: false,
      reason: "Unknown voucher code",
    });
    expect(await manager.vouchers.disableVoucher({ id: v.id })).toMatchObject({ status: "DISABLED" });
    expect(await login(co.company.id, v.code, undefined, t0)).toEqual({
      accept: false,
      reason: "This voucher was disabled",
    });
    expect((await failure(manager.vouchers.disableVoucher({ id: v.id }))).message).toBe(
      "This voucher is already disabled.",
    );
    const audit = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { entityId: v.id, action: "voucher.disable" } }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].before).toMatchObject({ voucher: v.code, status: "UNUSED" });
  });

  it("the sweep expires vouchers whose time is up, once", async () => {
    const a = await oneVoucher(pkgs.day);
    const b = await oneVoucher(pkgs.day);
    const late = new Date("2030-01-01T00:00:00Z");
    await login(co.company.id, a.code, undefined, late);
    await login(co.company.id, b.code, undefined, new Date(late.getTime() + 60 * 60_000));
    await expireDue(co.company.id, new Date(late.getTime() + 1439 * 60_000)); // earlier vouchers of this file go
    const due = new Date(late.getTime() + 1440 * 60_000);
    expect(await expireDue(co.company.id, due)).toEqual({ expired: 1 });
    expect(await expireDue(co.company.id, due)).toEqual({ expired: 0 });
    expect((await vouchersOf(co.company.id, a.batchId))[0].status).toBe("EXPIRED");
    expect((await vouchersOf(co.company.id, b.batchId))[0].status).toBe("ACTIVE");
  });
});

describe("what staff see", () => {
  it("lists batches newest first with package and counts; the detail pages and filters vouchers", async () => {
    const batch = await manager.vouchers.generateBatch({ packageId: pkgs.day, quantity: 7 });
    const [first, second, third] = await vouchersOf(co.company.id, batch.id);
    const now = new Date();
    await login(co.company.id, first.code, undefined, now);
    await login(co.company.id, second.code, undefined, new Date(now.getTime() - 2 * 86_400_000)); // time ran out, not yet swept
    await manager.vouchers.disableVoucher({ id: third.id });

    const list = await manager.vouchers.listBatches({ pageSize: 5 });
    expect(list.rows[0]).toMatchObject({
      id: batch.id,
      packageName: "Day pass",
      quantity: 7,
      price: "US$50.00",
      counts: { UNUSED: 4, ACTIVE: 1, EXPIRED: 1, DISABLED: 1 },
    });
    expect(list.total).toBeGreaterThan(5);
    expect(list.rows).toHaveLength(5);

    const detail = await manager.vouchers.getBatch({ id: batch.id, pageSize: 3 });
    expect(detail.vouchers).toMatchObject({ total: 7, pageCount: 3 });
    expect(detail.vouchers.rows).toHaveLength(3);
    const expired = await manager.vouchers.getBatch({ id: batch.id, status: "EXPIRED" });
    expect(expired.vouchers.rows.map((v) => v.code)).toEqual([second.code]);
    expect(expired.vouchers.rows[0].status).toBe("EXPIRED");
    expect(
      (await manager.vouchers.getBatch({ id: batch.id, status: "ACTIVE" })).vouchers.rows.map((v) => v.code),
    ).toEqual([first.code]);
    expect((await manager.vouchers.getBatch({ id: batch.id, status: "UNUSED" })).vouchers.total).toBe(4);
    expect((await failure(manager.vouchers.disableVoucher({ id: second.id }))).message).toMatch(/already expired/);
  });
});

describe("the printable sheet", () => {
  it("is a PDF with the ISP, the package and every unused code and PIN", async () => {
    const batch = await manager.vouchers.generateBatch({ packageId: pkgs.gig, quantity: 30, withPin: true });
    const rows = await vouchersOf(co.company.id, batch.id);
    await manager.vouchers.disableVoucher({ id: rows[0].id });
    const { filename, pdf } = await vouchers.batchPdf(co.company.id, batch.id, { type: "SYSTEM" });
    expect(filename).toBe(`vouchers-${batch.id}.pdf`);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    if (existsSync("/usr/bin/pdftotext")) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "vouchers-")), "sheet.pdf");
      writeFileSync(file, pdf);
      const text = execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      expect(text).toContain("Kibera Wireless");
      expect(text).toContain("1 GB bundle");
      expect(text).toContain("US$100.00");
      expect(text).toContain("Page 2 of 2");
      for (const v of rows.slice(1)) {
        expect(text).toContain(v.code);
        expect(text).toContain(`PIN ${v.pin}`);
      }
      expect(text, "a disabled voucher is not printed").not.toContain(rows[0].code);
    }
  });

  it("another company's batch is not found", async () => {
    const theirs = await callerAs(other.company, (await makeUser(other.company.id, "SUPER_ADMIN")).id);
    const batch = await theirs.vouchers.generateBatch({ packageId: pkgs.otherCo, quantity: 2 });
    await expect(vouchers.batchPdf(co.company.id, batch.id, { type: "SYSTEM" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("the sheet download", () => {
  it("answers signed-in staff with vouchers:read with an attachment, and nobody else", async () => {
    const batch = await manager.vouchers.generateBatch({ packageId: pkgs.day, quantity: 2 });
    const ok = await voucherSheetResponse(co.company, manager.ctx.viewer, batch.id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("content-disposition")).toBe(`attachment; filename="vouchers-${batch.id}.pdf"`);
    expect(
      Buffer.from(await ok.arrayBuffer())
        .subarray(0, 4)
        .toString("latin1"),
    ).toBe("%PDF");

    const field = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
    expect((await voucherSheetResponse(co.company, field.ctx.viewer, batch.id)).status).toBe(403);
    expect((await voucherSheetResponse(co.company, null, batch.id)).status).toBe(401);
    // A session of this company replayed on another company's address.
    expect((await voucherSheetResponse(other.company, manager.ctx.viewer, batch.id)).status).toBe(401);
    const theirs = await callerAs(other.company, (await makeUser(other.company.id, "SUPER_ADMIN")).id);
    const notFound = await voucherSheetResponse(other.company, theirs.ctx.viewer, batch.id);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { code: "NOT_FOUND", message: "Voucher batch not found." } });
  });
});
