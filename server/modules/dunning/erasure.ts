import { mentions, redactText } from "../../lib/redact";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// Arrangements and notices are payment history and stay; free text written by the customer or
// staff (notes, decision notes) loses the customer's personal values.

export async function eraseCustomerContent(
  scope: Scope,
  e: { customerId: string; values: readonly string[] },
): Promise<{ arrangementIds: string[] }> {
  const rows = await scope.tx.paymentArrangement.findMany({
    where: { customerId: e.customerId },
    select: { id: true, note: true, decisionNote: true },
  });
  for (const r of rows) {
    if (!mentions(r.note, e.values) && !mentions(r.decisionNote, e.values)) continue;
    await scope.tx.paymentArrangement.update({
      where: { id: r.id },
      data: { note: redactText(r.note, e.values), decisionNote: redactText(r.decisionNote, e.values) },
    });
  }
  return { arrangementIds: rows.map((r) => r.id) };
}
