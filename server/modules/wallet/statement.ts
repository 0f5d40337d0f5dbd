import type { z } from "zod";
import type { Scope } from "../scope";
import { prepaidServices } from "./prepaid";
import type { ledgerSchema } from "./schema";
import * as wallet from "./service";

/** The wallet as a person reads it: balance, the statement page, and the prepaid services it pays for. */
export async function statement(scope: Scope, input: z.input<typeof ledgerSchema>) {
  const page = await wallet.ledger(scope, input);
  return { ...page, prepaid: await prepaidServices(scope, input.customerId) };
}
