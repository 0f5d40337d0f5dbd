import type { z } from "zod";
import type { Prisma, VoucherStatus } from "../../db/generated/prisma/client";
import { withTenant, inOrder } from "../../db/tenant";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as companies from "../companies/service";
import type { Scope } from "../scope";
import { freshCodes, newPin } from "./codes";
import { effectiveStatus, PACKAGE_FIELDS, unsellableReason, validityText, type VoucherPackage } from "./rules";
import {
  disableVoucherSchema,
  generateBatchSchema,
  getBatchSchema,
  listBatchesSchema,
  type VoucherStatusValue,
} from "./schema";

// Hotspot vouchers as staff see them: batches printed for resellers, and single vouchers that
// can be disabled. What happens when a voucher is used lives in redemption.ts (RADIUS).

/** How often a batch is topped up after codes collided with existing ones (≈ never at 50 bits). */
const MAX_INSERT_ROUNDS = 5;

type StatusCounts = Record<VoucherStatusValue, number>;
const noCounts = (): StatusCounts => ({ UNUSED: 0, ACTIVE: 0, EXPIRED: 0, DISABLED: 0 });

/** Hotspot packages on sale, for the "Generate vouchers" form. */
export async function hotspotPackages(scope: Scope) {
  const company = await companies.get(scope);
  const rows = await scope.tx.package.findMany({
    where: { type: "HOTSPOT", archivedAt: null },
    select: { id: true, type: true, archivedAt: true, ...PACKAGE_FIELDS },
    orderBy: [{ priceMinor: "asc" }, { name: "asc" }],
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    price: formatMoney(p.priceMinor, company.currency),
    validity: validityText(p),
    /** Set when the package is misconfigured; the form shows it and refuses the package. */
    problem: unsellableReason(p),
  }));
}

export async function generateBatch(scope: Scope, input: z.input<typeof generateBatchSchema>) {
  const data = generateBatchSchema.parse(input);
  const pkg = await scope.tx.package.findUnique({
    where: { id: data.packageId },
    select: { id: true, type: true, archivedAt: true, ...PACKAGE_FIELDS },
  });
  // Another company's package is invisible under RLS, so it reads exactly like a wrong id.
  if (!pkg) throw new Invalid("Choose one of your hotspot packages.", { packageId: "This package does not exist." });
  const problem = unsellableReason(pkg);
  if (problem) throw new Invalid(problem, { packageId: problem });

  const batch = await scope.tx.voucherBatch.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      packageId: pkg.id,
      quantity: data.quantity,
      note: data.note ?? null,
      createdById: scope.actor.id ?? null,
    },
  });

  // A collision with an existing code must not abort the transaction (PostgreSQL would), so rows
  // go in with ON CONFLICT DO NOTHING and whatever was skipped is replaced by new codes.
  const taken = new Set<string>();
  let inserted = 0;
  for (let round = 0; inserted < data.quantity; round++) {
    if (round === MAX_INSERT_ROUNDS)
      throw new Conflict("Could not find enough unused voucher codes. Please try again.");
    const codes = freshCodes(data.quantity - inserted, taken);
    const { count } = await scope.tx.voucher.createMany({
      data: codes.map((code) => ({
        id: newId(),
        companyId: scope.companyId,
        batchId: batch.id,
        code,
        pin: data.withPin ? newPin() : null,
      })),
      skipDuplicates: true,
    });
    inserted += count;
  }

  await audit.record(scope, {
    action: "voucher.batch_create",
    entityType: "VoucherBatch",
    entityId: batch.id,
    after: {
      packageId: pkg.id,
      packageName: pkg.name,
      count: data.quantity,
      withPin: data.withPin,
      note: data.note ?? null,
    },
  });
  return { id: batch.id, quantity: batch.quantity, packageName: pkg.name };
}

/**
 * One voucher sold to a customer (bought from the wallet in the portal): a batch of one, with the
 * same checks and audit as a printed batch, and the code to show the buyer.
 */
export async function sellOne(scope: Scope, input: { packageId: string; note: string }) {
  const batch = await generateBatch(scope, { packageId: input.packageId, quantity: 1, note: input.note });
  const voucher = await scope.tx.voucher.findFirstOrThrow({
    where: { batchId: batch.id },
    select: { id: true, code: true, pin: true, batch: { select: { package: { select: PACKAGE_FIELDS } } } },
  });
  return {
    voucherId: voucher.id,
    batchId: batch.id,
    code: voucher.code,
    pin: voucher.pin,
    packageName: batch.packageName,
    validity: validityText(voucher.batch.package),
  };
}

/** Vouchers per batch and status, counting time-expired ones as expired before the sweep runs. */
async function countsByBatch(scope: Scope, batchIds: string[], now: Date): Promise<Map<string, StatusCounts>> {
  const result = new Map(batchIds.map((id) => [id, noCounts()]));
  if (batchIds.length === 0) return result;
  const rows = await scope.tx.$queryRaw<{ batchId: string; status: VoucherStatusValue; n: bigint }[]>`
    SELECT "batchId",
           CASE WHEN status = 'ACTIVE' AND "expiresAt" <= ${now} THEN 'EXPIRED' ELSE status::text END AS status,
           count(*) AS n
      FROM "Voucher"
     WHERE "batchId" = ANY(${batchIds})
     GROUP BY 1, 2`;
  for (const r of rows) result.get(r.batchId)![r.status] = Number(r.n);
  return result;
}

const BATCH_FIELDS = {
  id: true,
  quantity: true,
  note: true,
  createdAt: true,
  package: { select: { id: true, ...PACKAGE_FIELDS } },
} as const;

type BatchRow = Prisma.VoucherBatchGetPayload<{ select: typeof BATCH_FIELDS }>;

function present(b: BatchRow, currency: string, counts: StatusCounts, createdBy: string | null) {
  const pkg: VoucherPackage = b.package;
  return {
    id: b.id,
    quantity: b.quantity,
    note: b.note,
    createdAt: b.createdAt,
    createdBy,
    packageId: b.package.id,
    packageName: pkg.name,
    price: formatMoney(pkg.priceMinor, currency),
    validity: validityText(pkg),
    counts,
  };
}

async function creatorNames(scope: Scope, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map<string, string>();
  const users = await scope.tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function listBatches(scope: Scope, input: z.input<typeof listBatchesSchema>, now = new Date()) {
  const f = listBatchesSchema.parse(input);
  const company = await companies.get(scope);
  return listPage(f, {
    count: () => scope.tx.voucherBatch.count(),
    rows: async (window) => {
      const batches = await scope.tx.voucherBatch.findMany({
        select: { ...BATCH_FIELDS, createdById: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      });
      const counts = await countsByBatch(
        scope,
        batches.map((b) => b.id),
        now,
      );
      const names = await creatorNames(
        scope,
        batches.map((b) => b.createdById),
      );
      return batches.map((b) =>
        present(b, company.currency, counts.get(b.id)!, b.createdById ? (names.get(b.createdById) ?? null) : null),
      );
    },
  });
}

/** The status filter as stored rows: "ACTIVE" means still running, "EXPIRED" includes time that ran out. */
function statusWhere(status: VoucherStatus | undefined, now: Date): Prisma.VoucherWhereInput {
  if (status === "ACTIVE") return { status: "ACTIVE", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  if (status === "EXPIRED") return { OR: [{ status: "EXPIRED" }, { status: "ACTIVE", expiresAt: { lte: now } }] };
  return status ? { status } : {};
}

export async function getBatch(scope: Scope, input: z.input<typeof getBatchSchema>, now = new Date()) {
  const f = getBatchSchema.parse(input);
  const batch = await scope.tx.voucherBatch.findUnique({
    where: { id: f.id },
    select: { ...BATCH_FIELDS, createdById: true },
  });
  if (!batch) throw new NotFound("Voucher batch");
  const where: Prisma.VoucherWhereInput = { batchId: batch.id, ...statusWhere(f.status, now) };
  const [company, counts, names] = await inOrder([
    () => companies.get(scope),
    () => countsByBatch(scope, [batch.id], now),
    () => creatorNames(scope, [batch.createdById]),
  ]);
  const vouchers = await listPage(f, {
    count: () => scope.tx.voucher.count({ where }),
    rows: (window) =>
      scope.tx.voucher
        .findMany({
          where,
          select: {
            id: true,
            code: true,
            pin: true,
            status: true,
            firstUsedAt: true,
            expiresAt: true,
            usedMb: true,
            usedSeconds: true,
          },
          orderBy: [{ createdAt: "asc" }, { code: "asc" }],
          ...window,
        })
        .then((rows) => rows.map((v) => ({ ...v, hasPin: !!v.pin, status: effectiveStatus(v, now) }))),
  });
  return {
    batch: present(
      batch,
      company.currency,
      counts.get(batch.id)!,
      batch.createdById ? (names.get(batch.createdById) ?? null) : null,
    ),
    dataCapMb: batch.package.dataCapMb,
    vouchers,
  };
}

/** Takes a voucher out of circulation (lost, stolen, refunded); RADIUS refuses it from now on. */
export async function disableVoucher(scope: Scope, input: z.input<typeof disableVoucherSchema>, now = new Date()) {
  const { id } = disableVoucherSchema.parse(input);
  const before = await scope.tx.voucher.findUnique({
    where: { id },
    select: { id: true, code: true, status: true, expiresAt: true, batchId: true },
  });
  if (!before) throw new NotFound("Voucher");
  const status = effectiveStatus(before, now);
  if (status === "DISABLED") throw new Conflict("This voucher is already disabled.");
  if (status === "EXPIRED") throw new Conflict("This voucher has already expired; there is nothing left to disable.");
  const after = await scope.tx.voucher.update({
    where: { id },
    data: { status: "DISABLED" },
    select: { id: true, code: true, status: true, batchId: true },
  });
  await audit.record(scope, {
    action: "voucher.disable",
    entityType: "Voucher",
    entityId: id,
    // "voucher" rather than "code": the audit log redacts keys that look like secrets, and the
    // printed code is what staff search for when a customer calls.
    before: { voucher: before.code, status: before.status, batchId: before.batchId },
    after: { voucher: after.code, status: after.status },
  });
  return after;
}

/** Everything the printed sheet needs: the ISP, the package and the batch's unused vouchers. */
export async function sheetData(scope: Scope, batchId: string) {
  const batch = await scope.tx.voucherBatch.findUnique({ where: { id: batchId }, select: BATCH_FIELDS });
  if (!batch) throw new NotFound("Voucher batch");
  const company = await companies.get(scope);
  // Only UNUSED vouchers: a reprint must never hand out a code that was sold, used or disabled.
  const vouchers = await scope.tx.voucher.findMany({
    where: { batchId, status: "UNUSED" },
    select: { code: true, pin: true },
    orderBy: [{ createdAt: "asc" }, { code: "asc" }],
  });
  return {
    batchId: batch.id,
    ispName: company.name,
    packageName: batch.package.name,
    price: formatMoney(batch.package.priceMinor, company.currency),
    validity: validityText(batch.package),
    vouchers,
  };
}
export type SheetData = Awaited<ReturnType<typeof sheetData>>;

/** The printable PDF of a batch. Data is read in a short transaction; rendering happens outside it. */
export async function batchPdf(companyId: string, batchId: string, actor: Scope["actor"]) {
  const data = await withTenant(companyId, (tx) => sheetData({ tx, companyId, actor }, batchId));
  // Loaded on demand: the PDF renderer is large and only this download needs it, not every
  // tRPC request that imports this service.
  const { renderVoucherSheet } = await import("./pdf");
  return { filename: `vouchers-${data.batchId}.pdf`, pdf: await renderVoucherSheet(data) };
}
