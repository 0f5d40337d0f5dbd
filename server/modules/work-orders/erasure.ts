import { ERASED, redactText } from "../../lib/redact";
import type { Scope } from "../scope";
import * as storage from "../storage/service";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// A visit stays on the books (number, kind, times, technician, readings, equipment serials); the
// address, position and signature go, and staff-written text loses the customer's personal values.

export async function eraseCustomerContent(
  scope: Scope,
  e: { customerId: string; values: readonly string[] },
): Promise<{ workOrders: number }> {
  const orders = await scope.tx.workOrder.findMany({
    where: { customerId: e.customerId },
    select: {
      id: true,
      title: true,
      instructions: true,
      completionNotes: true,
      cancelReason: true,
      signedByName: true,
    },
  });
  for (const w of orders) {
    await scope.tx.workOrder.update({
      where: { id: w.id },
      data: {
        address: ERASED,
        latitude: null,
        longitude: null,
        title: redactText(w.title, e.values),
        instructions: redactText(w.instructions, e.values),
        completionNotes: redactText(w.completionNotes, e.values),
        cancelReason: redactText(w.cancelReason, e.values),
        signedByName: w.signedByName === null ? null : ERASED,
      },
    });
    const notes = await scope.tx.signalMeasurement.findMany({
      where: { workOrderId: w.id, note: { not: null } },
      select: { id: true, note: true },
    });
    for (const m of notes) {
      const note = redactText(m.note, e.values);
      if (note !== m.note) await scope.tx.signalMeasurement.update({ where: { id: m.id }, data: { note } });
    }
  }
  // The drawn signature is the customer's own mark: the file and its row go.
  const signatures = await scope.tx.attachment.findMany({
    where: { workOrderId: { in: orders.map((w) => w.id) }, kind: "SIGNATURE" },
    select: { id: true, storageKey: true },
  });
  for (const s of signatures) await storage.deleteLinked(scope, s);
  return { workOrders: orders.length };
}
