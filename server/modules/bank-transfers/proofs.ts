import type { z } from "zod";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { customerDisplayName, formatAccountNumber } from "../customers/schema";
import * as notifications from "../notifications/service";
import * as payments from "../payments/service";
import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import * as storage from "../storage/service";
import { parseDate, todayIn } from "../subscriptions/dates";
import {
  listProofsSchema,
  myProofsSchema,
  rejectProofSchema,
  submitProofSchema,
  verifyProofSchema,
  type SubmitProofInput,
} from "./schema";

// Proof of transfer: a customer who paid by bank transfer uploads the bank's receipt in the
// portal. Nothing is credited on the customer's word: staff find the money on the bank statement
// and verify (the proof becomes a BANK_TRANSFER payment, posted and allocated as any other), or
// reject it with a reason the customer sees. Each proof is decided once.

const include = {
  attachments: { orderBy: { createdAt: "asc" } },
  customer: {
    select: { id: true, accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
  },
} as const;

type ProofRow = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

function loadRow(scope: Scope, id: string) {
  return scope.tx.transferProof.findUnique({ where: { id }, include });
}

function present(p: ProofRow) {
  return {
    id: p.id,
    status: p.status,
    amountMinor: p.amountMinor,
    reference: p.reference,
    paidOn: p.paidOn.toISOString().slice(0, 10),
    note: p.note,
    rejectReason: p.rejectReason,
    paymentId: p.paymentId,
    reviewedAt: p.reviewedAt,
    createdAt: p.createdAt,
    customer: {
      id: p.customer.id,
      name: customerDisplayName(p.customer),
      accountNumber: formatAccountNumber(p.customer.accountNumber),
    },
    files: p.attachments.map(storage.present),
  };
}
export type TransferProofView = ReturnType<typeof present>;

/** The customer sends a proof with the receipt they uploaded (a pending attachment of theirs). */
export async function submit(scope: Scope, userId: string, input: SubmitProofInput & { attachmentIds: string[] }) {
  const data = submitProofSchema.parse(input);
  if (input.attachmentIds.length === 0)
    throw new Invalid("Attach the bank's receipt (a photo or PDF).", { attachmentIds: "Attach the receipt." });
  const customerId = await ownCustomerId(scope, userId);
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  if (data.paidOn > todayIn(company.timeZone))
    throw new Invalid("The transfer cannot be in the future.", { paidOn: "Choose today or an earlier day." });
  const id = newId();
  await scope.tx.transferProof.create({
    data: {
      id,
      companyId: scope.companyId,
      customerId,
      amountMinor: data.amountMinor,
      reference: data.reference,
      paidOn: parseDate(data.paidOn),
      note: data.note,
      submittedById: userId,
    },
  });
  await storage.link(scope, input.attachmentIds, { transferProofId: id }, userId);
  await audit.record(scope, {
    action: "payments.transfer_proof_submit",
    entityType: "TransferProof",
    entityId: id,
    after: { customerId, amountMinor: data.amountMinor, reference: data.reference, paidOn: data.paidOn },
  });
  return present((await loadRow(scope, id))!);
}

/** The customer's own proofs, newest first. */
/** The customer's own proofs, newest first, a page at a time: `nextCursor` asks for the next page. */
export async function mine(scope: Scope, userId: string, input: z.input<typeof myProofsSchema> = {}) {
  const { cursor, limit } = myProofsSchema.parse(input);
  const customerId = await ownCustomerId(scope, userId);
  const rows = await scope.tx.transferProof.findMany({
    where: { customerId },
    include,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    // One more than asked tells whether another page follows.
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { rows: page.map(present), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

/** The staff queue: submitted first (oldest first, the order to work through), then decided. */
export async function list(scope: Scope, input: z.input<typeof listProofsSchema>) {
  const { page, pageSize, status, customerId } = listProofsSchema.parse(input);
  const where = { ...(status ? { status } : {}), ...(customerId ? { customerId } : {}) };
  const { rows, ...paging } = await listPage(
    { page, pageSize },
    {
      count: () => scope.tx.transferProof.count({ where }),
      rows: (window) =>
        scope.tx.transferProof.findMany({
          where,
          include,
          orderBy: status === "SUBMITTED" ? { createdAt: "asc" } : { createdAt: "desc" },
          ...window,
        }),
    },
  );
  return { ...paging, rows: rows.map(present) };
}

/** Claims a submitted proof for one decision: a second decision (or a double click) is refused. */
async function claim(scope: Scope, id: string, data: { status: "VERIFIED" | "REJECTED"; rejectReason?: string }) {
  const reviewer = scope.actor.type === "USER" ? (scope.actor.id ?? null) : null;
  const claimed = await scope.tx.transferProof.updateMany({
    where: { id, status: "SUBMITTED" },
    data: { ...data, reviewedById: reviewer, reviewedAt: new Date() },
  });
  if (claimed.count === 1) return (await loadRow(scope, id))!;
  const existing = await loadRow(scope, id);
  if (!existing) throw new NotFound("Proof of transfer");
  throw new Conflict(`This proof was already ${existing.status === "VERIFIED" ? "verified" : "rejected"}.`);
}

/** The money is on the statement: the proof becomes a posted bank-transfer payment. */
export async function verify(scope: Scope, input: z.input<typeof verifyProofSchema>) {
  const { id, amountMinor } = verifyProofSchema.parse(input);
  const proof = await claim(scope, id, { status: "VERIFIED" });
  const payment = await payments.record(scope, {
    customerId: proof.customerId,
    method: "BANK_TRANSFER",
    amountMinor: amountMinor ?? proof.amountMinor,
    reference: proof.reference,
    receivedOn: proof.paidOn.toISOString().slice(0, 10),
    note: "Proof of transfer verified",
  });
  await scope.tx.transferProof.update({ where: { id }, data: { paymentId: payment.id } });
  await audit.record(scope, {
    action: "payments.transfer_proof_verify",
    entityType: "TransferProof",
    entityId: id,
    before: { status: "SUBMITTED" },
    after: { status: "VERIFIED", paymentId: payment.id, amountMinor: amountMinor ?? proof.amountMinor },
  });
  return present((await loadRow(scope, id))!);
}

/** Not found on the statement (or wrong): the customer is told why, in the portal. */
export async function reject(scope: Scope, input: z.input<typeof rejectProofSchema>) {
  const { id, reason } = rejectProofSchema.parse(input);
  const proof = await claim(scope, id, { status: "REJECTED", rejectReason: reason });
  await audit.record(scope, {
    action: "payments.transfer_proof_reject",
    entityType: "TransferProof",
    entityId: id,
    before: { status: "SUBMITTED" },
    after: { status: "REJECTED", reason },
  });
  const userId = (await scope.tx.customer.findUnique({ where: { id: proof.customerId }, select: { userId: true } }))
    ?.userId;
  if (userId)
    await notifications.notify(scope, {
      userIds: [userId],
      kind: "transfer_proof.rejected",
      title: "Your proof of transfer was not accepted",
      body: reason,
      link: "/portal/billing",
    });
  return present(proof);
}
