import { createElement } from "react";
import { InvoiceIssuedEmail } from "../../../emails/invoice-issued";
import { withTenant } from "../../db/tenant";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import { formatAccountNumber } from "../customers/schema";
import { systemActor, type Scope } from "../scope";
import * as sms from "../sms/service";
import { invoiceDocument } from "./document";
import { documentDate, invoiceFileName, printMoney } from "./print";

// Sending an invoice to its customer: the "your invoice" e-mail with the PDF attached, and an SMS
// when the company has SMS on. Each sending is claimed first in InvoiceDelivery under a unique
// (invoice, key): the automatic one after issue has the key "issued", so a re-delivered
// invoiceIssued event finds it claimed and sends nothing; each "Send again" has a key of its own.
// Mail and SMS go out after the claim's transaction commits (sendMail, sms.send), so a rollback
// sends nothing.

export type DeliveryOutcome =
  { invoiceId: string; skipped: "already_sent" | "void" } | { invoiceId: string; email: string | null; sms: boolean };

/** The automatic sending after issue (the invoiceIssued event); once per invoice. */
export async function deliverIssued(companyId: string, invoiceId: string): Promise<DeliveryOutcome> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    // Not visible yet: the issuing transaction has not committed (emit() retries inline).
    const invoice = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true } });
    if (!invoice) throw new NotFound("Invoice");
    if (invoice.status === "VOID") return { invoiceId, skipped: "void" };
    return send(scope, invoiceId, "issued", { sms: true });
  });
}

/** "Send again" in the console: the e-mail (with the PDF) once more, to the address on file now. */
export async function sendAgain(scope: Scope, invoiceId: string) {
  const invoice = await scope.tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true } });
  if (!invoice) throw new NotFound("Invoice");
  if (invoice.status === "DRAFT") throw new Invalid("A draft invoice is not sent; it is sent when it is issued.");
  const outcome = await send(scope, invoiceId, `resend:${newId()}`, { sms: false });
  if ("skipped" in outcome || !outcome.email)
    throw new Invalid("This customer has no e-mail address on file. Add one to their record, then send again.");
  await audit.record(scope, {
    action: "billing.invoice_send",
    entityType: "Invoice",
    entityId: invoiceId,
    after: { email: outcome.email },
  });
  return { email: outcome.email };
}

async function send(scope: Scope, invoiceId: string, key: string, opts: { sms: boolean }): Promise<DeliveryOutcome> {
  const doc = await invoiceDocument(scope, invoiceId);
  const { invoice } = doc;
  const contact = await scope.tx.customer.findUniqueOrThrow({
    where: { id: invoice.customerId },
    select: { email: true, phone: true, firstName: true, erasedAt: true, user: { select: { email: true } } },
  });
  const email = contact.erasedAt ? null : (contact.email ?? contact.user?.email ?? null);
  const smsOn = opts.sms && !contact.erasedAt && !!contact.phone && (await sms.isEnabled(scope));
  const claimed = await scope.tx.invoiceDelivery.createMany({
    data: {
      id: newId(),
      companyId: scope.companyId,
      invoiceId,
      key,
      requestedBy: scope.actor.id ?? null,
    },
    skipDuplicates: true,
  });
  if (claimed.count === 0) return { invoiceId, skipped: "already_sent" };

  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { name: true, slug: true },
  });
  const money = (minor: number) => printMoney(minor, invoice.currency);
  const portalUrl = companyUrl(company.slug, "/portal");
  if (email) {
    await sendMail(scope, {
      to: email,
      subject: `Invoice ${invoice.displayNumber} from ${company.name}: ${money(invoice.balanceMinor)} due ${documentDate(invoice.dueDate)}`,
      body: createElement(InvoiceIssuedEmail, {
        companyName: company.name,
        customerName: invoice.customer.name,
        invoiceNumber: invoice.displayNumber,
        total: money(invoice.totalMinor),
        balanceDue: money(invoice.balanceMinor),
        dueDate: documentDate(invoice.dueDate),
        accountNumber: formatAccountNumber(invoice.customer.accountNumber),
        paybill: doc.issuer.mpesaPaybill,
        portalUrl,
      }),
      attachments: [
        {
          filename: invoiceFileName(invoice.displayNumber),
          // Loaded on demand: the renderer is large, and most requests that import billing make no PDF.
          content: await (await import("./pdf")).renderInvoicePdf(doc),
          contentType: "application/pdf",
        },
      ],
    });
  }
  if (smsOn && contact.phone) {
    // A number SMS cannot reach is refused before anything is written; the e-mail still goes.
    await sms
      .send(scope, {
        to: contact.phone,
        key: `invoice:${invoiceId}:${key}`,
        template: "INVOICE_ISSUED",
        values: {
          firstName: contact.firstName ?? invoice.customer.name,
          // SMS keep the short number, like every other text (dunning, data caps): what a payer types.
          accountNumber: String(invoice.customer.accountNumber),
          companyName: company.name,
          invoiceNumber: invoice.displayNumber,
          amount: money(invoice.balanceMinor),
          dueDate: documentDate(invoice.dueDate),
          link: portalUrl,
        },
      })
      .catch((err: unknown) => {
        if (!(err instanceof Invalid)) throw err;
      });
  }
  return { invoiceId, email, sms: smsOn };
}
