import { blindIndex } from "../../lib/blind-index";
import { seal, unseal } from "../../lib/crypto";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import type { Scope } from "../scope";
import { parseDate, toDateString } from "../subscriptions/dates";
import { randomDigits } from "../vouchers/codes";
import {
  generateRechargeBatchSchema,
  RECHARGE_PIN_DIGITS,
  rechargeBatchesSchema,
  rechargeCardsSchema,
  withdrawRechargeCardsSchema,
  type GenerateRechargeBatchInput,
  type WithdrawRechargeCardsInput,
} from "./schema";

// Recharge vouchers: scratch cards of a value (in minor units) that staff generate in batches for
// shops and the counter to sell, and that credit a customer's wallet once (recharge.ts).
// They are their own small table rather than a kind of hotspot voucher: a hotspot voucher is a
// RADIUS login of a package (code, data and time used, ACTIVE after first use); a recharge card is
// money, spent once into a wallet, and shares nothing with it but the random digits.
//
// The PIN is the whole credential, so it is never stored in clear: sealed (AES-GCM, to print the
// batch again) beside its blind index (an HMAC per company, to find the card by what is typed).

/** The blind-index field of a recharge PIN (a PIN is found by its HMAC, never stored in clear). */
export const PIN_FIELD = "recharge.pin";
const MAX_INSERT_ROUNDS = 5;

/** "482109375562" → "4821-0937-5562", as printed under the scratch panel. */
export function printedPin(pin: string): string {
  return pin.replace(/(\d{4})(?=\d)/g, "$1-");
}

/** "R3-0042": the batch's number and the card's place in it, printed beside the hidden PIN. */
export function serialOf(batchNumber: number, n: number): string {
  return `R${batchNumber}-${String(n).padStart(4, "0")}`;
}

export async function generateRechargeBatch(scope: Scope, input: GenerateRechargeBatchInput) {
  const data = generateRechargeBatchSchema.parse(input);
  const number = await counters.next(scope, "recharge_batch");
  const batch = await scope.tx.rechargeBatch.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      number,
      valueMinor: data.valueMinor,
      quantity: data.quantity,
      expiresOn: data.expiresOn ? parseDate(data.expiresOn) : null,
      note: data.note || null,
      createdById: scope.actor.id ?? null,
    },
  });
  // A PIN that happens to equal another card's (10^12 of them) must not abort the transaction,
  // so rows go in with ON CONFLICT DO NOTHING and the skipped places get new PINs.
  let serials = Array.from({ length: data.quantity }, (_, i) => serialOf(number, i + 1));
  for (let round = 0; serials.length > 0; round++) {
    if (round === MAX_INSERT_ROUNDS) throw new Conflict("Could not find enough unused PINs. Please try again.");
    const cards = serials.map((serial) => {
      const pin = randomDigits(RECHARGE_PIN_DIGITS);
      return {
        id: newId(),
        companyId: scope.companyId,
        batchId: batch.id,
        serial,
        pinIndex: blindIndex(scope.companyId, PIN_FIELD, pin)!,
        pinSealed: seal(pin),
      };
    });
    await scope.tx.rechargeVoucher.createMany({ data: cards, skipDuplicates: true });
    const made = new Set(
      (
        await scope.tx.rechargeVoucher.findMany({
          where: { batchId: batch.id, serial: { in: serials } },
          select: { serial: true },
        })
      ).map((c) => c.serial),
    );
    serials = serials.filter((s) => !made.has(s));
  }
  await audit.record(scope, {
    action: "wallet.recharge_batch_create",
    entityType: "RechargeBatch",
    entityId: batch.id,
    after: {
      number,
      valueMinor: data.valueMinor,
      quantity: data.quantity,
      expiresOn: data.expiresOn,
      note: batch.note,
    },
  });
  return { id: batch.id, number, quantity: batch.quantity, valueMinor: batch.valueMinor };
}

/** The batches, newest first, with how many of each batch's cards were redeemed. */
export async function rechargeBatches(scope: Scope, input: { page?: number; pageSize?: number } = {}) {
  const { page, pageSize } = rechargeBatchesSchema.parse(input);
  return listPage(
    { page, pageSize },
    {
      count: () => scope.tx.rechargeBatch.count(),
      rows: async (window) => {
        const batches = await scope.tx.rechargeBatch.findMany({ orderBy: { number: "desc" }, ...window });
        const counts = await scope.tx.$queryRaw<{ batchId: string; redeemed: number; withdrawn: number }[]>`
          SELECT "batchId", count("redeemedAt")::int AS redeemed, count("withdrawnAt")::int AS withdrawn
            FROM "RechargeVoucher" WHERE "batchId" = ANY(${batches.map((b) => b.id)}) GROUP BY "batchId"`;
        const count = new Map(counts.map((c) => [c.batchId, c]));
        return batches.map((b) => ({
          id: b.id,
          number: b.number,
          valueMinor: b.valueMinor,
          quantity: b.quantity,
          redeemed: count.get(b.id)?.redeemed ?? 0,
          withdrawn: count.get(b.id)?.withdrawn ?? 0,
          expiresOn: b.expiresOn ? toDateString(b.expiresOn) : null,
          note: b.note,
          createdAt: b.createdAt,
        }));
      },
    },
  );
}

/**
 * One batch's cards with their PINs in clear, to print: only Billing Administrators (the
 * router's billing:manage), and every printing is in the audit log, as the PINs are money.
 */
export async function rechargeCards(scope: Scope, input: { batchId: string }) {
  const { batchId } = rechargeCardsSchema.parse(input);
  const batch = await scope.tx.rechargeBatch.findUnique({ where: { id: batchId } });
  if (!batch) throw new NotFound("Recharge voucher batch");
  const cards = await scope.tx.rechargeVoucher.findMany({
    where: { batchId },
    orderBy: { serial: "asc" },
    select: { serial: true, pinSealed: true, redeemedAt: true, withdrawnAt: true },
  });
  await audit.record(scope, {
    action: "wallet.recharge_batch_print",
    entityType: "RechargeBatch",
    entityId: batch.id,
    after: { number: batch.number, cards: cards.length },
  });
  return {
    number: batch.number,
    valueMinor: batch.valueMinor,
    expiresOn: batch.expiresOn ? toDateString(batch.expiresOn) : null,
    cards: cards.map((c) => ({
      serial: c.serial,
      pin: printedPin(unseal(c.pinSealed)),
      redeemed: !!c.redeemedAt,
      withdrawn: !!c.withdrawnAt,
    })),
  };
}

/**
 * Withdraws a batch's unredeemed cards, or a run of them (a shop's stock lost or stolen): from
 * then on their PINs are refused. Cards already redeemed keep their credit. The update takes each
 * card's row lock and re-checks it is unredeemed, so a redeem running at the same moment either
 * commits first (the card stays redeemed) or finds the card withdrawn.
 */
export async function withdrawRechargeCards(scope: Scope, input: WithdrawRechargeCardsInput) {
  const { batchId, fromCard, toCard, reason } = withdrawRechargeCardsSchema.parse(input);
  const batch = await scope.tx.rechargeBatch.findUnique({ where: { id: batchId } });
  if (!batch) throw new NotFound("Recharge voucher batch");
  const from = fromCard ?? 1;
  const to = toCard ?? batch.quantity;
  if (to > batch.quantity) {
    const said = `Batch R${batch.number} has ${batch.quantity} cards; the last card is ${batch.quantity}.`;
    throw new Invalid(said, { toCard: said });
  }
  const serials = Array.from({ length: to - from + 1 }, (_, i) => serialOf(batch.number, from + i));
  const { count } = await scope.tx.rechargeVoucher.updateMany({
    where: { batchId, serial: { in: serials }, redeemedAt: null, withdrawnAt: null },
    data: { withdrawnAt: new Date(), withdrawnReason: reason },
  });
  if (count === 0) throw new Conflict("None of these cards can be withdrawn: each is already redeemed or withdrawn.");
  await audit.record(scope, {
    action: "wallet.recharge_withdraw",
    entityType: "RechargeBatch",
    entityId: batch.id,
    after: { number: batch.number, from: serials[0], to: serials.at(-1), withdrawn: count, reason },
  });
  return { number: batch.number, withdrawn: count, skipped: serials.length - count };
}
