import type { WalletEntry } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatMoney } from "../../lib/money";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { taxSale, type TaxedSale } from "../billing/taxes";
import type { Scope } from "../scope";
import { creditSchema, debitSchema, ledgerSchema, type CreditInput, type DebitInput } from "./schema";

// The customer's prepaid wallet, as a ledger. Rows are only added; the balance is their sum.
// Every write first takes the wallet's lock (a transaction-scoped advisory lock on the
// customer), then reads the balance: two debits at once queue on the lock, and the second sees
// what the first spent once it commits, so the balance can never go below zero.

/** The customer's wallet lock, held until the transaction ends. Taking it twice is harmless. */
export async function lockWallet(scope: Scope, customerId: string): Promise<void> {
  await scope.tx
    .$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`wallet:${customerId}`}, 0))) l`;
}

async function assertCustomer(scope: Scope, customerId: string): Promise<void> {
  // Another company's customer is invisible under RLS, so it reads exactly like a wrong id.
  const found = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!found) throw new NotFound("Customer");
}

async function sumOf(scope: Scope, customerId: string): Promise<bigint> {
  const rows = await scope.tx.$queryRaw<{ total: bigint }[]>`
    SELECT COALESCE(sum("amountMinor"), 0)::bigint AS total FROM "WalletEntry" WHERE "customerId" = ${customerId}`;
  return BigInt(rows[0]?.total ?? 0n);
}

function toNumber(minor: bigint): number {
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < BigInt(Number.MIN_SAFE_INTEGER))
    throw new Error("Wallet balance outside the safe integer range");
  return Number(minor);
}

async function currencyOf(scope: Scope): Promise<string> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { currency: true },
  });
  return company.currency;
}

/** The wallet's balance in minor units: the sum of its ledger. */
export async function balance(scope: Scope, customerId: string): Promise<number> {
  await assertCustomer(scope, customerId);
  return toNumber(await sumOf(scope, customerId));
}

export type WalletEntryView = ReturnType<typeof present>;

function present(e: WalletEntry) {
  return {
    id: e.id,
    kind: e.kind,
    amountMinor: e.amountMinor,
    balanceAfterMinor: toNumber(e.balanceAfterMinor),
    reference: e.reference,
    description: e.description,
    paymentId: e.paymentId,
    /** A taxed sale: net and tax of −amountMinor (null for other movements). */
    netMinor: e.netMinor,
    taxMinor: e.taxMinor,
    /** A refund of a sale: that sale's entry. */
    refundOfId: e.refundOfId,
    actorLabel: e.actorLabel,
    createdAt: e.createdAt,
  };
}

async function append(
  scope: Scope,
  customerId: string,
  amountMinor: number,
  data: Omit<CreditInput, "amountMinor" | "customerId"> | Omit<DebitInput, "amountMinor" | "customerId">,
  after: bigint,
  sale?: TaxedSale,
  refundOfId?: string,
) {
  // Strictly after the wallet's last entry (taken under the lock), so the statement's order by
  // time is the order the money moved, even within one millisecond or with a clock step back.
  const last = await scope.tx.walletEntry.findFirst({
    where: { customerId },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const now = Date.now();
  const createdAt = new Date(last && last.createdAt.getTime() >= now ? last.createdAt.getTime() + 1 : now);
  return scope.tx.walletEntry.create({
    data: {
      id: newId(),
      createdAt,
      companyId: scope.companyId,
      customerId,
      kind: data.kind,
      amountMinor,
      balanceAfterMinor: after,
      reference: data.reference,
      description: data.description ?? null,
      paymentId: "paymentId" in data ? (data.paymentId ?? null) : null,
      ...(sale ? { netMinor: sale.netMinor, taxMinor: sale.taxMinor, taxes: sale.taxes as object[] } : {}),
      refundOfId: refundOfId ?? null,
      actorId: scope.actor.id ?? null,
      actorLabel: scope.actor.label ?? null,
    },
  });
}

/**
 * Adds money to the wallet (a top-up, a refund, a staff adjustment). With a paymentId it is
 * idempotent: the same payment credits the wallet once, and a repeat returns the first entry.
 */
export async function credit(
  scope: Scope,
  input: CreditInput,
  /** A refund of a taxed sale: the net and tax it gives back (negative), and the sale's entry. */
  reversal?: { sale?: TaxedSale; refundOfId: string },
) {
  const data = creditSchema.parse(input);
  await assertCustomer(scope, data.customerId);
  await lockWallet(scope, data.customerId);
  if (data.paymentId) {
    const earlier = await scope.tx.walletEntry.findUnique({
      where: { companyId_paymentId: { companyId: scope.companyId, paymentId: data.paymentId } },
    });
    if (earlier) {
      if (earlier.customerId !== data.customerId || earlier.amountMinor !== data.amountMinor)
        throw new Conflict("This payment already credited another wallet entry.");
      return { entry: present(earlier), duplicate: true };
    }
  }
  const after = (await sumOf(scope, data.customerId)) + BigInt(data.amountMinor);
  const entry = await onUnique(
    append(scope, data.customerId, data.amountMinor, data, after, reversal?.sale, reversal?.refundOfId),
    () => new Conflict("This payment has already been credited to a wallet."),
  );
  await audit.record(scope, {
    action: "wallet.credit",
    entityType: "WalletEntry",
    entityId: entry.id,
    after: {
      customerId: data.customerId,
      kind: data.kind,
      amountMinor: data.amountMinor,
      reference: data.reference,
      paymentId: data.paymentId ?? null,
      ...(reversal
        ? { refundOf: reversal.refundOfId, netMinor: reversal.sale?.netMinor, taxMinor: reversal.sale?.taxMinor }
        : {}),
      balanceAfterMinor: toNumber(after),
    },
  });
  return { entry: present(entry), duplicate: false };
}

/**
 * Spends from the wallet (a renewal, a voucher, a data top-up). With a taxCategory it is a sale,
 * taxed by billing's rules (server/modules/billing/taxes.ts): amountMinor is the listed price and
 * the wallet pays the total with tax, its net and tax kept on the entry. Refused with Invalid,
 * nothing written, when the balance cannot cover it.
 */
export async function debit(scope: Scope, input: DebitInput) {
  const data = debitSchema.parse(input);
  await assertCustomer(scope, data.customerId);
  await lockWallet(scope, data.customerId);
  const sale = data.taxCategory
    ? await taxSale(scope, {
        customerId: data.customerId,
        priceMinor: data.amountMinor,
        taxCategory: data.taxCategory,
        description: data.description ?? data.reference,
      })
    : undefined;
  const amountMinor = sale ? sale.totalMinor : data.amountMinor;
  const current = await sumOf(scope, data.customerId);
  if (current < BigInt(amountMinor)) {
    const currency = await currencyOf(scope);
    throw new Invalid(
      `Insufficient wallet balance: ${formatMoney(toNumber(current), currency)} available, ${formatMoney(amountMinor, currency)} needed${sale?.taxMinor && amountMinor > data.amountMinor ? " with tax" : ""}. Top up the wallet first.`,
    );
  }
  const after = current - BigInt(amountMinor);
  const entry = await append(scope, data.customerId, -amountMinor, data, after, sale);
  await audit.record(scope, {
    action: "wallet.debit",
    entityType: "WalletEntry",
    entityId: entry.id,
    after: {
      customerId: data.customerId,
      kind: data.kind,
      amountMinor: -amountMinor,
      ...(sale ? { netMinor: sale.netMinor, taxMinor: sale.taxMinor, taxes: sale.taxes } : {}),
      reference: data.reference,
      balanceAfterMinor: toNumber(after),
    },
  });
  return present(entry);
}

/** The wallet's statement, newest first, with its balance. */
export async function ledger(scope: Scope, input: { customerId: string; page?: number; pageSize?: number }) {
  const { customerId, page, pageSize } = ledgerSchema.parse(input);
  await assertCustomer(scope, customerId);
  const where = { customerId };
  const ledger = await listPage(
    { page, pageSize },
    {
      count: () => scope.tx.walletEntry.count({ where }),
      rows: (window) =>
        scope.tx.walletEntry
          .findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...window })
          .then((rows) => rows.map(present)),
    },
  );
  const [sum, currency] = await inOrder([() => sumOf(scope, customerId), () => currencyOf(scope)]);
  return { balanceMinor: toNumber(sum), currency, ...ledger };
}
