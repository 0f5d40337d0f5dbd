import type { z } from "zod";
import { Conflict, NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { balanceOf, lockCustomer } from "./credit";
import { balanceWentDown, get } from "./invoices";
import { invoiceNumber, writeOffInvoiceSchema } from "./schema";

// Writing an invoice off: the customer will not pay what it still owes (gone, insolvent, disputed
// beyond sense), so it is bad debt. The invoice becomes UNCOLLECTIBLE with the reason, the date and
// the balance written off. Being neither OPEN nor PARTIALLY_PAID it leaves what dunning chases and
// suspends for, the receivables aging and the overdue lists at once; the accounting export books
// the balance to bad debt and revenue analytics counts it as such. Its lines and amounts stay as
// issued (the sale happened; the tax was charged).
//
// A payment that arrives afterwards is still taken (recovery): posting fills what is owed now
// first, then written-off invoices, oldest due first (or the one staff chose), and a written-off
// invoice paid in full is PAID. See settleInvoice in credit.ts and posting in payments.

export async function writeOff(scope: Scope, input: z.input<typeof writeOffInvoiceSchema>) {
  const { id, reason } = writeOffInvoiceSchema.parse(input);
  const found = await scope.tx.invoice.findUnique({ where: { id }, select: { customerId: true } });
  if (!found) throw new NotFound("Invoice");
  // Payments of the customer post under the same lock: the balance written off is the one left.
  await lockCustomer(scope, found.customerId);
  const before = await scope.tx.invoice.findUniqueOrThrow({ where: { id } });
  if (before.status === "UNCOLLECTIBLE") throw new Conflict("This invoice is already written off.");
  if (before.status !== "OPEN" && before.status !== "PARTIALLY_PAID")
    throw new Conflict("Only an open or partly paid invoice can be written off.");
  const balanceMinor = balanceOf(before);
  if (balanceMinor <= 0) throw new Conflict("This invoice owes nothing: there is nothing to write off.");
  const claimed = await scope.tx.invoice.updateMany({
    where: { id, status: before.status, amountPaidMinor: before.amountPaidMinor, creditedMinor: before.creditedMinor },
    data: { status: "UNCOLLECTIBLE", writtenOffAt: new Date(), writeOffReason: reason, writtenOffMinor: balanceMinor },
  });
  if (claimed.count === 0) throw new Conflict("The invoice changed meanwhile; reload it and try again.");
  await audit.record(scope, {
    action: "billing.invoice_write_off",
    entityType: "Invoice",
    entityId: id,
    before: { status: before.status, balanceMinor },
    after: {
      status: "UNCOLLECTIBLE",
      number: invoiceNumber(before.prefix, before.number),
      writtenOffMinor: balanceMinor,
      reason,
    },
  });
  // Dunning looks at the customer again: a suspension for this invoice alone is lifted.
  await balanceWentDown(scope, before.customerId, "INVOICE_WRITTEN_OFF", id);
  return get(scope, id);
}
