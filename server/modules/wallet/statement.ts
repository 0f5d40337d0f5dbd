import type { z } from "zod";
import type { Scope } from "../scope";
import { prepaidServices } from "./prepaid";
import { refundableOf } from "./sale-refunds";
import type { ledgerSchema } from "./schema";
import * as wallet from "./service";

/**
 * The wallet as staff read it: balance, the statement page (each sale with what is left to refund
 * of it), and the prepaid services it pays for.
 */
export async function statement(scope: Scope, input: z.input<typeof ledgerSchema>) {
  const page = await wallet.ledger(scope, input);
  const refundable = await refundableOf(scope, page.rows);
  return {
    ...page,
    rows: page.rows.map((r) => ({ ...r, refundableMinor: refundable.get(r.id) ?? null })),
    prepaid: await prepaidServices(scope, input.customerId),
  };
}
