import { inOrder } from "../../db/tenant";
import { blindIndex } from "../../lib/blind-index";
import { Invalid, TooManyRequests } from "../../lib/errors";
import { formatMoney } from "../../lib/money";
import * as audit from "../audit/service";
import * as rateLimit from "../auth/rate-limit";
import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import { toDateString, todayIn } from "../subscriptions/dates";
import { renewHeld } from "./prepaid";
import { PIN_FIELD } from "./recharge-batches";
import { counterRedeemSchema, redeemRechargeSchema, type CounterRedeemInput, type RedeemRechargeInput } from "./schema";
import * as wallet from "./service";

// Redeeming a recharge voucher (recharge-batches.ts): the card's value into one customer's
// wallet, exactly once. The card's row is locked first (SELECT … FOR UPDATE), so a second redeem
// of the same PIN, in parallel on any instance, waits until the first commits and then finds the
// card used; the statement that marks it redeemed also requires it unredeemed, and the card's
// wallet entry is unique. A wrong PIN is guessing territory: each one counts against the
// customer's and the redeeming person's limit (the shared rate-limit module), and once either is
// used up, every PIN, right or wrong, is refused until the window ends.

export const WRONG_PINS = { max: 5, windowSeconds: 15 * 60 } as const;
const TOO_MANY = "Too many wrong voucher PINs. Wait 15 minutes and try again, checking each digit against the card.";

export const RECHARGE_ERRORS = {
  unknown: "This PIN does not match any voucher. Check the digits on the card and try again.",
  used: "This voucher has already been used.",
  withdrawn: "This voucher was withdrawn by the company and can no longer be redeemed. Ask the shop that sold it.",
  expired: (day: string) => `This voucher expired on ${day}; it can no longer be redeemed.`,
} as const;

/** A card's last day as people read it ("31 Jan 2020"): a calendar date, so no zone shifts it. */
const DAY = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

function limitsFor(scope: Scope, customerId: string) {
  const who = [["customer", customerId]];
  if (scope.actor.id) who.push(["user", scope.actor.id]);
  return who.map(([kind, id]) => ({ key: ["wallet.recharge", scope.companyId, kind!, id!], ...WRONG_PINS }));
}

type Card = { id: string; serial: string; redeemedAt: Date | null; withdrawnAt: Date | null; batchId: string };

async function redeem(scope: Scope, customerId: string, rawPin: string) {
  const limits = limitsFor(scope, customerId);
  if ((await rateLimit.usedUp(limits)).some(Boolean)) throw new TooManyRequests(TOO_MANY);
  const digits = rawPin.replace(/[\s-]/g, "");
  const pinIndex = /^\d+$/.test(digits) ? blindIndex(scope.companyId, PIN_FIELD, digits) : null;
  const [card] = pinIndex
    ? await scope.tx.$queryRaw<Card[]>`
        SELECT id, serial, "redeemedAt", "withdrawnAt", "batchId" FROM "RechargeVoucher" WHERE "pinIndex" = ${pinIndex} FOR UPDATE`
    : [];
  if (!card) {
    // Counted outside this transaction (the shared store), so the refusal's rollback keeps it.
    await rateLimit.count(limits);
    throw new Invalid(RECHARGE_ERRORS.unknown, { pin: RECHARGE_ERRORS.unknown });
  }
  if (card.redeemedAt) throw new Invalid(RECHARGE_ERRORS.used, { pin: RECHARGE_ERRORS.used });
  if (card.withdrawnAt) throw new Invalid(RECHARGE_ERRORS.withdrawn, { pin: RECHARGE_ERRORS.withdrawn });
  const [batch, company] = await inOrder([
    () => scope.tx.rechargeBatch.findUniqueOrThrow({ where: { id: card.batchId } }),
    () => scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true, currency: true } }), // prettier-ignore
  ]);
  if (batch.expiresOn && todayIn(company.timeZone) > toDateString(batch.expiresOn)) {
    const said = RECHARGE_ERRORS.expired(DAY.format(batch.expiresOn));
    throw new Invalid(said, { pin: said });
  }

  const { entry } = await wallet.credit(scope, {
    customerId,
    amountMinor: batch.valueMinor,
    kind: "TOP_UP",
    reference: `Recharge voucher ${card.serial}`,
  });
  const { count } = await scope.tx.rechargeVoucher.updateMany({
    where: { id: card.id, redeemedAt: null },
    data: { redeemedAt: new Date(), customerId, walletEntryId: entry.id },
  });
  // Unreachable while the row lock holds; a second line of defence that can never credit twice.
  if (count !== 1) throw new Invalid(RECHARGE_ERRORS.used, { pin: RECHARGE_ERRORS.used });
  await audit.record(scope, {
    action: "wallet.recharge_redeem",
    entityType: "RechargeVoucher",
    entityId: card.id,
    after: { serial: card.serial, customerId, valueMinor: batch.valueMinor, walletEntryId: entry.id },
  });
  const renewals = await renewHeld(scope, customerId);
  return {
    serial: card.serial,
    valueMinor: batch.valueMinor,
    value: formatMoney(batch.valueMinor, company.currency),
    balanceMinor: entry.balanceAfterMinor,
    renewed: renewals.filter((r) => r.outcome === "renewed").length,
  };
}

/** The signed-in customer redeems a card into their own wallet (the portal). */
export async function redeemOwn(scope: Scope, userId: string, input: RedeemRechargeInput) {
  const { pin } = redeemRechargeSchema.parse(input);
  return redeem(scope, await ownCustomerId(scope, userId), pin);
}

/** Staff redeem a card a customer brought to the counter, into that customer's wallet. */
export async function redeemAtCounter(scope: Scope, input: CounterRedeemInput) {
  const { customerId, pin } = counterRedeemSchema.parse(input);
  // Another company's customer is invisible under RLS: wallet.credit refuses it as not found,
  // but only after the PIN was looked up, so check first and keep the PIN untouched.
  await wallet.balance(scope, customerId);
  return redeem(scope, customerId, pin);
}
