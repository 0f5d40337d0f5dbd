import type { z } from "zod";
import { inOrder } from "../../db/tenant";
import { Invalid } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import { taxSale } from "../billing/taxes";
import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import { PACKAGE_FIELDS, unsellableReason, validityText } from "../vouchers/rules";
import * as vouchers from "../vouchers/service";
import { buyVoucherSchema, portalLedgerSchema } from "./schema";
import * as wallet from "./service";
import { statement } from "./statement";

// The signed-in customer's own wallet. Every function starts from the sign-in and finds *their*
// customer record, so a customer can only ever see and spend their own money.

/**
 * Hotspot packages a customer can buy a voucher for: public, on sale and complete, each at what
 * the wallet pays for it (the price with tax, as buyVoucher charges it).
 */
async function voucherPackages(scope: Scope, customerId: string, currency: string) {
  const rows = await scope.tx.package.findMany({
    where: { type: "HOTSPOT", archivedAt: null, visibility: "PUBLIC" },
    select: { id: true, type: true, archivedAt: true, taxCategory: true, ...PACKAGE_FIELDS },
    orderBy: [{ priceMinor: "asc" }, { name: "asc" }],
  });
  const sellable = [];
  for (const p of rows.filter((r) => !unsellableReason(r))) {
    const { totalMinor } = await taxSale(scope, {
      customerId,
      priceMinor: p.priceMinor,
      taxCategory: p.taxCategory,
      description: p.name,
    });
    sellable.push({
      id: p.id,
      name: p.name,
      priceMinor: totalMinor,
      price: formatMoney(totalMinor, currency),
      validity: validityText(p),
    });
  }
  return sellable;
}

/**
 * How long after its payment a top-up not in the wallet yet counts as on its way. The credit takes
 * seconds; one later than this is stuck (staff see the job), and the portal stops looking for it.
 */
const ARRIVING_WITHIN_MS = 2 * 60 * 1000;

/**
 * Top-ups the customer paid that the wallet has not been credited with yet: the credit is the
 * payment's background work (topups.ts), a moment after the payment succeeded. The card says the
 * money is on its way and looks again until it is in.
 */
async function arrivingMinor(scope: Scope, customerId: string): Promise<number> {
  const paid = await scope.tx.payment.findMany({
    where: {
      customerId,
      purpose: "WALLET_TOPUP",
      status: "SUCCEEDED",
      postedAt: { gte: new Date(Date.now() - ARRIVING_WITHIN_MS) },
    },
    select: { id: true, amountMinor: true },
  });
  if (paid.length === 0) return 0;
  const credited = await scope.tx.walletEntry.findMany({
    where: { paymentId: { in: paid.map((p) => p.id) } },
    select: { paymentId: true },
  });
  const done = new Set(credited.map((e) => e.paymentId));
  return paid.filter((p) => !done.has(p.id)).reduce((sum, p) => sum + p.amountMinor, 0);
}

/** The wallet card: balance, the latest entries, top-ups on their way and what the wallet can buy. */
export async function summary(scope: Scope, userId: string, input: z.input<typeof portalLedgerSchema> = {}) {
  const { page, pageSize } = portalLedgerSchema.parse(input);
  const customerId = await ownCustomerId(scope, userId);
  const [arriving, account, packages] = await inOrder([
    () => arrivingMinor(scope, customerId),
    () => statement(scope, { customerId, page, pageSize }),
    async () => {
      const company = await scope.tx.company.findUniqueOrThrow({
        where: { id: scope.companyId },
        select: { currency: true },
      });
      return voucherPackages(scope, customerId, company.currency);
    },
  ]);
  // What the customer sees of an entry: never who at the ISP made it.
  return {
    ...account,
    rows: account.rows.map(({ actorLabel: _staff, paymentId: _payment, ...rest }) => rest),
    arrivingMinor: arriving,
    voucherPackages: packages,
  };
}

/**
 * Buys one hotspot voucher with wallet money: the voucher is made and the wallet debited in one
 * transaction, so a wallet that cannot pay leaves no voucher behind.
 */
export async function buyVoucher(scope: Scope, userId: string, input: z.input<typeof buyVoucherSchema>) {
  const data = buyVoucherSchema.parse(input);
  const customerId = await ownCustomerId(scope, userId);
  const pkg = await scope.tx.package.findUnique({
    where: { id: data.packageId },
    select: { id: true, type: true, visibility: true, priceMinor: true, taxCategory: true },
  });
  // Another company's package, a staff-only one and a broadband one all read the same.
  if (!pkg || pkg.type !== "HOTSPOT" || pkg.visibility !== "PUBLIC")
    throw new Invalid("Choose one of the hotspot packages on offer.", { packageId: "This package is not on offer." });
  if (pkg.priceMinor <= 0)
    throw new Invalid("This package is free: ask us for a voucher instead.", { packageId: "Nothing to pay for." });
  const voucher = await vouchers.sellOne(scope, {
    packageId: pkg.id,
    note: `Bought from the wallet by customer ${customerId}`,
  });
  const entry = await wallet.debit(scope, {
    customerId,
    amountMinor: pkg.priceMinor,
    kind: "VOUCHER_PURCHASE",
    reference: `${voucher.packageName} voucher ${voucher.code}`,
    description: `Hotspot voucher, ${voucher.validity}`,
    taxCategory: pkg.taxCategory,
  });
  return {
    ...voucher,
    amountMinor: -entry.amountMinor,
    netMinor: entry.netMinor,
    taxMinor: entry.taxMinor,
    balanceAfterMinor: entry.balanceAfterMinor,
  };
}
