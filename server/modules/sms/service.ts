import type { Prisma } from "../../db/generated/prisma/client";
import { metrics } from "../../lib/metrics";
import type { SmsTemplateKey } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import { emit } from "../../jobs/emit";
import { smsSendRequested } from "../../jobs/events";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { accountFor, providerOf } from "./account";
import { PHONE_HINT, toE164 } from "./phone";
import { PROVIDERS } from "./providers";
import { listSmsSchema, sendTestSmsSchema, SMS_OFF_MESSAGE, type ListSmsInput } from "./schema";
import { smsLength } from "./segments";
import { templateBody } from "./template-store";
import { fillTemplate, type Placeholder } from "./templates";

// The one way the product sends SMS. send() writes the message to the SMS log as QUEUED inside
// the caller's transaction and emits "sms/send.requested"; deliver() runs after that
// transaction committed (Inngest, or inline after commit), so a slow provider never holds a
// transaction or a row lock. Each message is sent at most once: `key` names the unit of work
// (a second send() with the same key returns the first message), and deliver() claims the
// message before it calls the provider (a duplicate event finds it claimed).

export type SmsRequest = {
  to: string;
  /** The unit of work, e.g. `invoice:${invoiceId}:issued`: the same key is the same message. */
  key: string;
} & ({ body: string } | { template: SmsTemplateKey; values: Partial<Record<Placeholder, string>> });

/** Whether the company has SMS switched on (callers that send "if possible" ask first). */
export async function isEnabled(scope: Scope): Promise<boolean> {
  return (await providerOf(scope.tx, scope.companyId)) !== null;
}

/** Queues one SMS; refused with what to set when SMS is off, or with a hint for a bad number. */
export async function send(scope: Scope, request: SmsRequest) {
  const provider = await providerOf(scope.tx, scope.companyId);
  if (!provider) throw new Invalid(SMS_OFF_MESSAGE);
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { country: true },
  });
  const to = toE164(request.to, company.country);
  if (!to) throw new Invalid(`${request.to} is not a phone number an SMS can go to. ${PHONE_HINT}`, { to: PHONE_HINT });
  const template = "template" in request ? request.template : null;
  const body =
    "template" in request
      ? fillTemplate(await templateBody(scope.tx, scope.companyId, request.template), request.values)
      : request.body.trim();
  if (!body) throw new Invalid("The message is empty.", { body: "Enter the message text." });
  // ON CONFLICT DO NOTHING: a repeated request (a retried job, a double click) finds the first.
  const created = await scope.tx.smsMessage.createMany({
    data: {
      id: newId(),
      companyId: scope.companyId,
      idempotencyKey: request.key,
      to,
      body,
      template,
      segments: smsLength(body).segments,
      provider,
    },
    skipDuplicates: true,
  });
  const message = await scope.tx.smsMessage.findUniqueOrThrow({
    where: { companyId_idempotencyKey: { companyId: scope.companyId, idempotencyKey: request.key } },
  });
  if (created.count === 1) {
    await emit(smsSendRequested, { companyId: scope.companyId, messageId: message.id }, { id: `sms-${message.id}` });
  }
  return present(message);
}

export type DeliveryResult =
  | { messageId: string; status: "SENT" | "FAILED"; error: string | null }
  | { messageId: string; skipped: "already_claimed" };

/**
 * Sends a queued message through the company's provider and records the answer. Runs outside
 * any caller's transaction; throws NotFound while the queuing transaction has not committed.
 */
export async function deliver(companyId: string, messageId: string): Promise<DeliveryResult> {
  const claim = await withTenant(companyId, async (tx) => {
    if (!(await tx.smsMessage.findUnique({ where: { id: messageId }, select: { id: true } }))) {
      throw new NotFound("SMS message");
    }
    // The claim: of two deliveries of the same event, the second waits on the row lock, then
    // finds claimedAt set and sends nothing. A crash after the claim leaves the message QUEUED
    // and unsent rather than risking a second SMS to the customer.
    const { count } = await tx.smsMessage.updateMany({
      where: { id: messageId, claimedAt: null },
      data: { claimedAt: new Date() },
    });
    if (count === 0) return null;
    const message = await tx.smsMessage.findUniqueOrThrow({ where: { id: messageId } });
    return { message, account: await accountFor(tx, companyId) };
  });
  if (!claim) return { messageId, skipped: "already_claimed" };

  const { message, account } = claim;
  const outcome =
    "error" in account
      ? { ok: false as const, error: account.error }
      : await PROVIDERS[account.provider].send(account.credentials, { to: message.to, body: message.body });
  const data: Prisma.SmsMessageUpdateInput = outcome.ok
    ? {
        status: "SENT",
        sentAt: new Date(),
        providerMessageId: outcome.providerMessageId || null,
        costMicros: outcome.cost?.micros ?? null,
        costCurrency: outcome.cost?.currency ?? null,
      }
    : { status: "FAILED", error: outcome.error, providerMessageId: outcome.providerMessageId ?? null };
  if (!("error" in account)) data.provider = account.provider;
  await withTenant(companyId, (tx) => tx.smsMessage.update({ where: { id: messageId }, data }));
  metrics.sms.inc({ outcome: outcome.ok ? "sent" : "failed" });
  return { messageId, status: outcome.ok ? "SENT" : "FAILED", error: outcome.ok ? null : outcome.error };
}

/** "Send test SMS" in Settings → SMS: a short message to the number given, through the log like any other. */
export async function sendTest(scope: Scope, input: { to: string }) {
  const { to } = sendTestSmsSchema.parse(input);
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } });
  const message = await send(scope, {
    to,
    key: `test:${newId()}`,
    body: `Test message from ${company.name}: SMS is set up and working.`,
  });
  await audit.record(scope, {
    action: "sms.test_send",
    entityType: "SmsMessage",
    entityId: message.id,
    after: { to: message.to },
  });
  return message;
}

export async function list(scope: Scope, input: ListSmsInput) {
  const f = listSmsSchema.parse(input);
  const where: Prisma.SmsMessageWhereInput = {
    ...(f.status ? { status: f.status } : {}),
    ...(f.search
      ? {
          OR: [
            { to: { contains: f.search.replace(/[\s()-]/g, "") } },
            { body: { contains: f.search, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.smsMessage.count({ where }),
    rows: (window) =>
      scope.tx.smsMessage.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
  });
  return { ...paging, rows: rows.map(present) };
}

export async function get(scope: Scope, id: string) {
  const message = await scope.tx.smsMessage.findUnique({ where: { id } });
  if (!message) throw new NotFound("SMS message");
  return present(message);
}

type MessageRow = Prisma.SmsMessageGetPayload<object>;

/** A log entry as the console shows it (the cost as a decimal string: BigInt does not travel as JSON). */
function present(m: MessageRow) {
  return {
    id: m.id,
    companyId: m.companyId,
    to: m.to,
    body: m.body,
    template: m.template,
    segments: m.segments,
    provider: m.provider,
    status: m.status,
    providerMessageId: m.providerMessageId,
    error: m.error,
    cost:
      m.costMicros !== null && m.costCurrency
        ? { currency: m.costCurrency, amount: microsToDecimal(m.costMicros) }
        : null,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  };
}

function microsToDecimal(micros: bigint): string {
  const whole = micros / 1_000_000n;
  const fraction = (micros % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction.padEnd(2, "0")}` : `${whole}.00`;
}
