import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure, failure, PERMISSION_DENIED } from "../../test/trpc";
import { makeCustomer } from "../subscriptions/testing";
import { RECHARGE_ERRORS, WRONG_PINS } from "./recharge";
import { balanceOf } from "./testing";

// Recharge vouchers: scratch cards that top up a wallet, on the real PostgreSQL with its pool.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let company: Awaited<ReturnType<typeof makeCompany>>["company"];
let billing: Caller;
let reader: Caller;

/** A customer with a portal sign-in. */
async function portalCustomer(firstName: string) {
  const { id: customerId } = await makeCustomer(company.id, { firstName });
  const user = await makeUser(company.id, "CUSTOMER", { email: `${firstName.toLowerCase()}@recharge.test` });
  await withTenant(company.id, (tx) => tx.customer.update({ where: { id: customerId }, data: { userId: user.id } }));
  return { customerId, portal: await callerAs(company, user.id) };
}

/** A fresh batch and its printed PINs. */
async function batchOf(quantity: number, valueMinor: number, expiresOn?: string) {
  const batch = await billing.wallet.recharge.generate({ quantity, valueMinor, expiresOn });
  return { batch, printed: await billing.wallet.recharge.cards({ batchId: batch.id }) };
}

const entriesOf = (customerId: string) =>
  withTenant(company.id, (tx) => tx.walletEntry.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  ({ company } = await makeCompany("recharge-isp"));
  billing = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
  reader = await callerAs(company, (await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER")).id);
});

describe("recharge voucher batches", () => {
  it("makes numbered cards whose PINs are printed for staff but never stored in clear", async () => {
    const { batch, printed } = await batchOf(3, 50_000, "2099-12-31");
    expect(printed).toMatchObject({ number: batch.number, valueMinor: 50_000, expiresOn: "2099-12-31" });
    expect(printed.cards.map((c) => c.serial)).toEqual([1, 2, 3].map((n) => `R${batch.number}-000${n}`));
    for (const card of printed.cards) expect(card.pin).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    expect(new Set(printed.cards.map((c) => c.pin)).size).toBe(3);

    const stored = JSON.stringify(await withTenant(company.id, (tx) => tx.rechargeVoucher.findMany({ where: { batchId: batch.id } }))); // prettier-ignore
    for (const card of printed.cards) expect(stored).not.toContain(card.pin.replace(/-/g, ""));

    const list = await reader.wallet.recharge.batches();
    expect(list.rows.find((b) => b.id === batch.id)).toMatchObject({ quantity: 3, redeemed: 0, valueMinor: 50_000 });
    // Printing the PINs is for billing administrators, and is audited.
    expect((await failure(reader.wallet.recharge.cards({ batchId: batch.id }))).message).toBe(PERMISSION_DENIED);
    const audited = await withTenant(company.id, (tx) => tx.auditEntry.findMany({ where: { entityId: batch.id }, select: { action: true } })); // prettier-ignore
    expect(audited.map((a) => a.action).sort()).toEqual([
      "wallet.recharge_batch_create",
      "wallet.recharge_batch_print",
    ]);
  });

  it("refuses a zero value and too many cards with field messages", async () => {
    const bad = await expectFailure(
      billing.wallet.recharge.generate({ quantity: 5_000, valueMinor: 0 }),
      "BAD_REQUEST",
    );
    expect(bad.fields).toEqual({
      quantity: "At most 1000 cards per batch.",
      valueMinor: "The amount must be more than 0.",
    });
  });
});

describe("redeeming a recharge voucher", () => {
  it("credits the customer's own wallet once in the portal; the same card again is refused as used", async () => {
    const { customerId, portal } = await portalCustomer("Wanjiru");
    const { printed } = await batchOf(1, 25_000);
    // Typed as people type: spaces instead of dashes.
    const done = await portal.wallet.portal.redeemVoucher({ pin: printed.cards[0]!.pin.replace(/-/g, " ") });
    expect(done).toMatchObject({ serial: printed.cards[0]!.serial, valueMinor: 25_000, balanceMinor: 25_000 });
    expect(await balanceOf(company.id, customerId)).toBe(25_000);
    expect(await entriesOf(customerId)).toEqual([
      expect.objectContaining({ kind: "TOP_UP", amountMinor: 25_000, reference: `Recharge voucher ${printed.cards[0]!.serial}` }), // prettier-ignore
    ]);

    const again = await expectFailure(portal.wallet.portal.redeemVoucher({ pin: printed.cards[0]!.pin }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
    expect(again.message).toBe(RECHARGE_ERRORS.used);
    expect(await balanceOf(company.id, customerId)).toBe(25_000);
  });

  it("two parallel redeems of one PIN credit one wallet exactly once", async () => {
    const a = await portalCustomer("Achieng");
    const b = await portalCustomer("Baraka");
    const { batch, printed } = await batchOf(1, 10_000);
    const pin = printed.cards[0]!.pin;
    // Truly parallel: each call opens its own transaction on its own pool connection.
    const outcomes = await Promise.allSettled([
      a.portal.wallet.portal.redeemVoucher({ pin }),
      b.portal.wallet.portal.redeemVoucher({ pin }),
      a.portal.wallet.portal.redeemVoucher({ pin }),
      billing.wallet.recharge.redeem({ customerId: b.customerId, pin }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected"))
      expect((o as PromiseRejectedResult).reason.message).toBe(RECHARGE_ERRORS.used);
    const credited = [...(await entriesOf(a.customerId)), ...(await entriesOf(b.customerId))];
    expect(credited.map((e) => e.amountMinor)).toEqual([10_000]);
    expect((await balanceOf(company.id, a.customerId)) + (await balanceOf(company.id, b.customerId))).toBe(10_000);
    const card = await withTenant(company.id, (tx) => tx.rechargeVoucher.findFirstOrThrow({ where: { batchId: batch.id } })); // prettier-ignore
    expect(card).toMatchObject({ walletEntryId: credited[0]!.id, customerId: credited[0]!.customerId });
  });

  it("refuses an expired card, saying since when", async () => {
    const { customerId, portal } = await portalCustomer("Kamau");
    const { printed } = await batchOf(1, 5_000, "2020-01-31");
    const refused = await expectFailure(portal.wallet.portal.redeemVoucher({ pin: printed.cards[0]!.pin }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
    expect(refused.message).toBe(RECHARGE_ERRORS.expired("31 Jan 2020"));
    expect(await balanceOf(company.id, customerId)).toBe(0);
  });

  it("limits wrong PINs: after five, even the right one is refused for a while", async () => {
    const { customerId, portal } = await portalCustomer("Otieno");
    const { printed } = await batchOf(1, 7_000);
    for (let i = 0; i < WRONG_PINS.max; i++) {
      const wrong = await expectFailure(portal.wallet.portal.redeemVoucher({ pin: `0000-0000-000${i}` }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
      expect(wrong.message).toBe(RECHARGE_ERRORS.unknown);
    }
    const limited = await expectFailure(portal.wallet.portal.redeemVoucher({ pin: printed.cards[0]!.pin }), "TOO_MANY_REQUESTS"); // prettier-ignore
    expect(limited.message).toMatch(/Too many wrong voucher PINs/);
    expect(await balanceOf(company.id, customerId)).toBe(0);
    // Another customer is not held back by Otieno's mistakes.
    const other = await portalCustomer("Njeri");
    expect((await other.portal.wallet.portal.redeemVoucher({ pin: printed.cards[0]!.pin })).valueMinor).toBe(7_000);
  });

  it("at the counter, a billing administrator redeems a card into the customer's wallet; a reader cannot", async () => {
    const { customerId } = await portalCustomer("Mwangi");
    const { batch, printed } = await batchOf(2, 3_000);
    expect((await failure(reader.wallet.recharge.redeem({ customerId, pin: printed.cards[0]!.pin }))).message).toBe(PERMISSION_DENIED); // prettier-ignore
    const done = await billing.wallet.recharge.redeem({ customerId, pin: printed.cards[0]!.pin });
    expect(done).toMatchObject({ valueMinor: 3_000, balanceMinor: 3_000 });
    const list = await billing.wallet.recharge.batches();
    expect(list.rows.find((b) => b.id === batch.id)).toMatchObject({ redeemed: 1 });
  });
});

describe("withdrawing lost or stolen recharge vouchers", () => {
  it("refuses the withdrawn cards' PINs, keeps the redeemed ones' credit, and says so in the batch list", async () => {
    const { customerId, portal } = await portalCustomer("Chebet");
    const { batch, printed } = await batchOf(5, 2_000);
    const [first, second, third, fourth, fifth] = printed.cards.map((c) => c.pin);
    await portal.wallet.portal.redeemVoucher({ pin: second! });

    // Cards 2–4 were in the stolen bundle; card 2 was already redeemed and keeps its credit.
    expect((await failure(reader.wallet.recharge.withdraw({ batchId: batch.id, fromCard: 2, toCard: 4, reason: "stolen" }))).message).toBe(PERMISSION_DENIED); // prettier-ignore
    const done = await billing.wallet.recharge.withdraw({
      batchId: batch.id,
      fromCard: 2,
      toCard: 4,
      reason: "Stolen from the Kitengela shop",
    });
    expect(done).toEqual({ number: batch.number, withdrawn: 2, skipped: 1 });
    for (const pin of [third!, fourth!]) {
      const refused = await expectFailure(portal.wallet.portal.redeemVoucher({ pin }), "UNPROCESSABLE_CONTENT");
      expect(refused.message).toBe(RECHARGE_ERRORS.withdrawn);
    }
    expect(await balanceOf(company.id, customerId)).toBe(2_000);
    // Cards outside the run still work.
    await portal.wallet.portal.redeemVoucher({ pin: first! });
    expect(await balanceOf(company.id, customerId)).toBe(4_000);

    const listed = (await reader.wallet.recharge.batches()).rows.find((b) => b.id === batch.id);
    expect(listed).toMatchObject({ redeemed: 2, withdrawn: 2 });
    const cards = await billing.wallet.recharge.cards({ batchId: batch.id });
    expect(cards.cards.map((c) => [c.redeemed, c.withdrawn])).toEqual([
      [true, false],
      [true, false],
      [false, true],
      [false, true],
      [false, false],
    ]);
    const audited = await withTenant(company.id, (tx) =>
      tx.auditEntry.findFirstOrThrow({ where: { entityId: batch.id, action: "wallet.recharge_withdraw" } }),
    );
    expect(audited.after).toMatchObject({ withdrawn: 2, reason: "Stolen from the Kitengela shop" });

    // The rest of the batch at once; nothing left afterwards is refused as a conflict.
    expect(await billing.wallet.recharge.withdraw({ batchId: batch.id, reason: "Batch recalled" })).toMatchObject({
      withdrawn: 1,
    });
    const late = await expectFailure(portal.wallet.portal.redeemVoucher({ pin: fifth! }), "UNPROCESSABLE_CONTENT");
    expect(late.message).toBe(RECHARGE_ERRORS.withdrawn);
    const nothing = await expectFailure(billing.wallet.recharge.withdraw({ batchId: batch.id, reason: "again" }), "CONFLICT"); // prettier-ignore
    expect(nothing.message).toMatch(/already redeemed or withdrawn/);
  });

  it("refuses a run past the batch's last card or backwards, and a missing reason, changing nothing", async () => {
    const { batch, printed } = await batchOf(3, 1_000);
    const past = await expectFailure(billing.wallet.recharge.withdraw({ batchId: batch.id, fromCard: 2, toCard: 9, reason: "lost" }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
    expect(past.fields).toEqual({ toCard: `Batch R${batch.number} has 3 cards; the last card is 3.` });
    const backwards = await expectFailure(billing.wallet.recharge.withdraw({ batchId: batch.id, fromCard: 3, toCard: 1, reason: "lost" }), "BAD_REQUEST"); // prettier-ignore
    expect(backwards.fields).toEqual({ toCard: "The first card must come before the last." });
    const noReason = await expectFailure(billing.wallet.recharge.withdraw({ batchId: batch.id, reason: " " }), "BAD_REQUEST"); // prettier-ignore
    expect(Object.keys(noReason.fields ?? {})).toEqual(["reason"]);
    const cards = await billing.wallet.recharge.cards({ batchId: batch.id });
    expect(cards.cards.every((c) => !c.withdrawn)).toBe(true);
    expect(printed.cards).toHaveLength(3);
  });

  it("a withdrawal racing a redeem of the same card: the card is either redeemed or withdrawn, never both", async () => {
    const { customerId, portal } = await portalCustomer("Wekesa");
    const { batch, printed } = await batchOf(1, 9_000);
    const [redeemed, withdrawn] = await Promise.allSettled([
      portal.wallet.portal.redeemVoucher({ pin: printed.cards[0]!.pin }),
      billing.wallet.recharge.withdraw({ batchId: batch.id, reason: "Recalled" }),
    ]);
    expect([redeemed.status, withdrawn.status].filter((s) => s === "fulfilled")).toHaveLength(1);
    const card = (await billing.wallet.recharge.cards({ batchId: batch.id })).cards[0]!;
    expect(card.redeemed).not.toBe(card.withdrawn);
    expect(await balanceOf(company.id, customerId)).toBe(card.redeemed ? 9_000 : 0);
  });
});
