import { protectedProcedure, router } from "../../api/trpc";
import { adjust } from "./adjustments";
import * as portal from "./portal";
import { redeemAtCounter, redeemOwn } from "./recharge";
import { generateRechargeBatch, rechargeBatches, rechargeCards, withdrawRechargeCards } from "./recharge-batches";
import { refundSale } from "./sale-refunds";
import {
  adjustSchema,
  buyVoucherSchema,
  counterRedeemSchema,
  generateRechargeBatchSchema,
  ledgerSchema,
  portalLedgerSchema,
  rechargeBatchesSchema,
  rechargeCardsSchema,
  redeemRechargeSchema,
  refundSaleSchema,
  withdrawRechargeCardsSchema,
} from "./schema";
import { statement } from "./statement";

/** The signed-in customer's own wallet (portal:access): statement and voucher purchase. */
const portalRouter = router({
  summary: protectedProcedure("portal:access")
    .input(portalLedgerSchema.default({ page: 1, pageSize: 20 }))
    .query(({ ctx, input }) => portal.summary(ctx.scope, ctx.viewer.userId, input)),
  buyVoucher: protectedProcedure("portal:access")
    .input(buyVoucherSchema)
    .mutation(({ ctx, input }) => portal.buyVoucher(ctx.scope, ctx.viewer.userId, input)),
  /** A recharge voucher's PIN, into the customer's own wallet. */
  redeemVoucher: protectedProcedure("portal:access")
    .input(redeemRechargeSchema)
    .mutation(({ ctx, input }) => redeemOwn(ctx.scope, ctx.viewer.userId, input)),
});

/** Recharge vouchers (scratch cards of a value): batches, printing, and redeeming at the counter. */
const rechargeRouter = router({
  batches: protectedProcedure("billing:read")
    .input(rechargeBatchesSchema.default({ page: 1, pageSize: 20 }))
    .query(({ ctx, input }) => rechargeBatches(ctx.scope, input)),
  generate: protectedProcedure("billing:manage")
    .input(generateRechargeBatchSchema)
    .mutation(({ ctx, input }) => generateRechargeBatch(ctx.scope, input)),
  /** The PINs in clear, to print: audited. */
  cards: protectedProcedure("billing:manage")
    .input(rechargeCardsSchema)
    .query(({ ctx, input }) => rechargeCards(ctx.scope, input)),
  redeem: protectedProcedure("billing:manage")
    .input(counterRedeemSchema)
    .mutation(({ ctx, input }) => redeemAtCounter(ctx.scope, input)),
  /** Lost or stolen cards: their PINs are refused from then on. */
  withdraw: protectedProcedure("billing:manage")
    .input(withdrawRechargeCardsSchema)
    .mutation(({ ctx, input }) => withdrawRechargeCards(ctx.scope, input)),
});

// Customers' prepaid wallets as staff see them: the statement, and corrections with a reason.
export const walletRouter = router({
  ledger: protectedProcedure("billing:read")
    .input(ledgerSchema)
    .query(({ ctx, input }) => statement(ctx.scope, input)),
  adjust: protectedProcedure("billing:manage")
    .input(adjustSchema)
    .mutation(({ ctx, input }) => adjust(ctx.scope, input)),
  /** Money back into the wallet for a taxed sale from it, its tax given back in proportion. */
  refundSale: protectedProcedure("billing:manage")
    .input(refundSaleSchema)
    .mutation(({ ctx, input }) => refundSale(ctx.scope, input)),
  portal: portalRouter,
  recharge: rechargeRouter,
});
