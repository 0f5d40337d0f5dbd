import type { Scope } from "../scope";

// A customer's wallet for their data export (privacy/collect.ts asks for it), so the shape of
// the wallet's data stays decided here. The ledger is money history: erasure keeps it (the
// person leaves it, the amounts stay). "customer" sees what the portal shows; who at the ISP made
// an entry and the payment ids stay with staff.

/** Enough for years of daily top-ups; an export is one customer's data, not a table dump. */
const MAX_ENTRIES = 50_000;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

export async function walletRecordsForExport(scope: Scope, customerId: string, audience: "staff" | "customer") {
  const staff = audience === "staff";
  const [entries, terms] = [
    await scope.tx.walletEntry.findMany({
      where: { customerId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_ENTRIES,
    }),
    await scope.tx.prepaidTerm.findMany({
      where: { customerId },
      orderBy: [{ termStart: "asc" }, { id: "asc" }],
      take: MAX_ENTRIES,
    }),
  ];
  return {
    walletEntries: entries.map((e) => ({
      id: e.id,
      at: iso(e.createdAt),
      kind: e.kind,
      amountMinor: e.amountMinor,
      balanceAfterMinor: Number(e.balanceAfterMinor),
      reference: e.reference,
      description: e.description,
      ...(staff ? { paymentId: e.paymentId, by: e.actorLabel } : {}),
    })),
    prepaidTerms: terms.map((t) => ({
      id: t.id,
      subscriptionId: t.subscriptionId,
      termStart: day(t.termStart),
      termEnd: day(t.termEnd),
      amountMinor: t.amountMinor,
      warnedAt: iso(t.warnedAt),
    })),
  };
}
