import { ERASED, redactText } from "../../lib/redact";
import type { Scope } from "../scope";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// A request keeps its kind, status, package, dates and decision; a new address and what the
// customer wrote go, and staff-written notes lose the customer's personal values.

export async function eraseCustomerContent(
  scope: Scope,
  e: { customerId: string; userId: string | null; values: readonly string[] },
): Promise<{ serviceRequests: number }> {
  const rows = await scope.tx.serviceRequest.findMany({
    where: { customerId: e.customerId },
    select: { id: true, newAddress: true, note: true, decisionNote: true, applyError: true, requestedById: true },
  });
  for (const r of rows) {
    const byCustomer = e.userId !== null && r.requestedById === e.userId;
    await scope.tx.serviceRequest.update({
      where: { id: r.id },
      data: {
        newAddress: r.newAddress === null ? null : ERASED,
        note: r.note === null ? null : byCustomer ? ERASED : redactText(r.note, e.values),
        decisionNote: redactText(r.decisionNote, e.values),
        applyError: redactText(r.applyError, e.values),
      },
    });
  }
  return { serviceRequests: rows.length };
}
