import type { Scope } from "../scope";

// A customer's dunning records for their data export (privacy/collect.ts asks for them): their
// payment arrangements and the notices dunning sent them. Staff-only fields (who decided, the
// staff's decision note) stay with staff.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date) => d.toISOString().slice(0, 10);

export async function dunningRecordsForExport(scope: Scope, customerId: string, audience: "staff" | "customer") {
  const staff = audience === "staff";
  const [arrangements, notices] = [
    await scope.tx.paymentArrangement.findMany({
      where: { customerId },
      orderBy: { createdAt: "asc" },
      include: { instalments: { orderBy: { position: "asc" } } },
    }),
    await scope.tx.dunningNotice.findMany({ where: { customerId }, orderBy: { sentAt: "asc" }, take: 10_000 }),
  ];
  return {
    paymentArrangements: arrangements.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      coveredMinor: a.coveredMinor,
      currency: a.currency,
      note: a.note,
      requestedByCustomer: a.requestedByCustomer,
      instalments: a.instalments.map((i) => `${day(i.dueDate)} ${i.amountMinor}`).join("; "),
      createdAt: iso(a.createdAt),
      closedAt: iso(a.closedAt),
      closedReason: a.closedReason,
      ...(staff ? { decidedAt: iso(a.decidedAt), decisionNote: a.decisionNote } : {}),
    })),
    dunningNotices: notices.map((n) => ({
      kind: n.kind,
      summary: n.summary,
      channels: n.channels.join("; "),
      sentAt: iso(n.sentAt),
    })),
  };
}
