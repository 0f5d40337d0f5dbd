import type { z } from "zod";
import { Conflict, Invalid } from "../../lib/errors";
import { personalValues } from "../../lib/redact";
import * as audit from "../audit/service";
import * as auditErasure from "../audit/erasure";
import * as authErasure from "../auth/erasure";
import { formatAccountNumber } from "../customers/schema";
import * as customers from "../customers/service";
import * as dunningErasure from "../dunning/erasure";
import * as leadsErasure from "../leads/erasure";
import * as notificationsErasure from "../notifications/erasure";
import * as outboxErasure from "../outbox/erasure";
import * as portalErasure from "../portal/erasure";
import * as radiusErasure from "../radius/erasure";
import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import * as serviceRequestsErasure from "../service-requests/erasure";
import * as subscriptionsErasure from "../subscriptions/erasure";
import * as ticketsErasure from "../tickets/erasure";
import * as usersErasure from "../users/erasure";
import * as workOrdersErasure from "../work-orders/erasure";
import { collect, type Audience } from "./collect";
import { exportFile } from "./files";
import { eraseCustomerSchema, exportCustomerSchema, exportFormatSchema, sameAccountNo } from "./schema";

// Data protection for one customer: the export (right of access) and erasure by anonymisation
// (right to be forgotten). This module sits above the others and owns no table: it gathers for
// the export and, for erasure, asks each module to anonymise its own rows, all in the caller's
// transaction, so an erasure happens completely or not at all.

async function exportOf(scope: Scope, customerId: string, audience: Audience, format: "json" | "csv") {
  const data = await collect(scope, customerId, audience);
  const file = exportFile(data, format);
  await audit.record(scope, {
    action: "customer.data_export",
    entityType: "Customer",
    entityId: customerId,
    after: { format, audience, filename: file.filename },
  });
  return file;
}

/** Staff (privacy:export): everything about the customer, staff-only content included. */
export async function exportCustomer(scope: Scope, input: z.input<typeof exportCustomerSchema>) {
  const { id, format } = exportCustomerSchema.parse(input);
  return exportOf(scope, id, "staff", format);
}

/** The signed-in customer's own data, without what only staff see. */
export async function exportOwn(scope: Scope, userId: string, input: z.input<typeof exportFormatSchema>) {
  const { format } = exportFormatSchema.parse(input);
  return exportOf(scope, await ownCustomerId(scope, userId), "customer", format);
}

/**
 * Erases the customer's personal data and keeps the records (right to be forgotten). Refused
 * while a subscription is not terminated: the service still needs an address and a person.
 * Erasing an erased customer changes nothing.
 */
export async function eraseCustomer(scope: Scope, input: z.input<typeof eraseCustomerSchema>) {
  const { id, confirmAccountNo } = eraseCustomerSchema.parse(input);
  const customer = await customers.findForErasure(scope, id);
  const accountNo = formatAccountNumber(customer.accountNumber);
  if (!sameAccountNo(confirmAccountNo, accountNo))
    throw new Invalid(`Type the account number ${accountNo} to confirm the erasure.`, {
      confirmAccountNo: `Type ${accountNo} exactly.`,
    });
  if (customer.erasedAt) return { accountNo, erasedAt: customer.erasedAt, alreadyErased: true };
  if (await subscriptionsErasure.hasLiveSubscriptions(scope, id))
    throw new Conflict(
      "This customer still has subscriptions that are not terminated. Terminate them first, then erase the customer.",
    );

  const userId = customer.userId;
  const [tickets, requests, orders, invoices, exemptions] = [
    await scope.tx.ticket.findMany({ where: { customerId: id }, select: { id: true } }),
    await scope.tx.serviceRequest.findMany({ where: { customerId: id }, select: { id: true } }),
    await scope.tx.workOrder.findMany({ where: { customerId: id }, select: { id: true } }),
    // Invoices and exemptions are kept as they are (financial records); only the audit trail
    // about them loses the person's values, like the rest of the customer's records.
    await scope.tx.invoice.findMany({ where: { customerId: id }, select: { id: true } }),
    await scope.tx.taxExemption.findMany({ where: { customerId: id }, select: { id: true } }),
  ];
  const account = userId
    ? await scope.tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true } })
    : null;
  // Values written today and any the audit trail remembers (an e-mail changed last year).
  const history = await auditErasure.personalValuesAbout(scope, [id, ...(userId ? [userId] : [])]);
  const values = personalValues([
    ...customers.personalValuesOf(await customers.get(scope, id)),
    account?.email,
    account?.name,
    ...history,
  ]);
  const emails = [customer.email, account?.email, ...history.filter((v) => v.includes("@"))].filter(
    (e): e is string => !!e,
  );

  const { subscriptionIds } = await subscriptionsErasure.eraseCustomerContent(scope, { customerId: id, values });
  await radiusErasure.eraseSubscriberDevices(scope, subscriptionIds);
  await serviceRequestsErasure.eraseCustomerContent(scope, { customerId: id, userId, values });
  await ticketsErasure.eraseCustomerContent(scope, { customerId: id, userId, values });
  await workOrdersErasure.eraseCustomerContent(scope, { customerId: id, values });
  const { arrangementIds } = await dunningErasure.eraseCustomerContent(scope, { customerId: id, values });
  const { leadId } = await leadsErasure.eraseConvertedLead(scope, { customerId: id, values });
  if (userId) {
    await usersErasure.erasePortalAccount(scope, userId);
    await authErasure.forgetCredentials(scope, userId, emails);
    await portalErasure.forgetVerifications(scope, userId);
  }
  await notificationsErasure.eraseMentions(scope, { userId, values });
  await outboxErasure.eraseRecipient(scope, { emails, values });
  const erased = await customers.erase(scope, id);
  await auditErasure.redactAbout(scope, {
    entityIds: [
      id,
      ...subscriptionIds,
      ...tickets.map((t) => t.id),
      ...requests.map((r) => r.id),
      ...orders.map((o) => o.id),
      ...invoices.map((i) => i.id),
      ...exemptions.map((e) => e.id),
      ...arrangementIds,
      ...(leadId ? [leadId] : []),
      ...(userId ? [userId] : []),
    ],
    actorId: userId,
    values,
  });
  // After the redaction, so this entry (who erased, when) is kept exactly as written.
  await audit.record(scope, {
    action: "customer.erase",
    entityType: "Customer",
    entityId: id,
    after: { accountNo, erasedAt: erased.erasedAt },
  });
  return { accountNo, erasedAt: erased.erasedAt ?? new Date(), alreadyErased: false };
}
