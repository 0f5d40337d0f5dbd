import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { resetEnvCache } from "../../lib/env";
import { newId } from "../../lib/ids";
import * as counters from "../counters/service";
import { systemActor, type Scope } from "../scope";
import { parseDate } from "../subscriptions/dates";
import { forgetDarajaTokens } from "./providers/daraja-client";
import { startFakeDaraja } from "./providers/fake-daraja";
import { startFakeStripe } from "./providers/fake-stripe";

// Builders for payments' tests: issued invoices with known amounts, without a billing run.

export const staffActor = { type: "USER" as const, id: null, label: "cashier" };

export function inTenant<T>(companyId: string, fn: (scope: Scope) => Promise<T>): Promise<T> {
  return withTenant(companyId, (tx) => fn({ tx, companyId, actor: staffActor }));
}

/** An OPEN invoice of `totalMinor` (net + 16 % tax when `taxMinor` is left out) due on `dueDate`. */
export async function openInvoice(
  companyId: string,
  customerId: string,
  opts: { totalMinor: number; taxMinor?: number; dueDate: string; lines?: { netMinor: number; taxMinor: number }[] },
) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const lines = opts.lines ?? [{ netMinor: opts.totalMinor - (opts.taxMinor ?? 0), taxMinor: opts.taxMinor ?? 0 }];
    const subtotal = lines.reduce((n, l) => n + l.netMinor, 0);
    const tax = lines.reduce((n, l) => n + l.taxMinor, 0);
    const id = newId();
    const due = parseDate(opts.dueDate);
    const invoice = await tx.invoice.create({
      data: {
        id,
        companyId,
        customerId,
        number: await counters.next(scope, "invoice"),
        prefix: "INV-",
        status: "OPEN",
        currency: "USD",
        issueDate: new Date(due.getTime() - 14 * 86_400_000),
        dueDate: due,
        taxMode: "EXCLUSIVE",
        roundingMode: "HALF_UP",
        subtotalMinor: subtotal,
        taxMinor: tax,
        totalMinor: subtotal + tax,
      },
    });
    for (const [i, l] of lines.entries()) {
      const lineId = newId();
      await tx.invoiceLine.create({
        data: {
          id: lineId,
          companyId,
          invoiceId: id,
          position: i + 1,
          kind: "RECURRING",
          description: `Home 20 Mbps, line ${i + 1}`,
          quantity: 1,
          unitPriceMinor: l.netMinor,
          grossMinor: l.netMinor,
          netMinor: l.netMinor,
          taxMinor: l.taxMinor,
          totalMinor: l.netMinor + l.taxMinor,
          rule: "test",
        },
      });
      if (l.taxMinor)
        await tx.invoiceLineTax.create({
          data: {
            id: newId(),
            companyId,
            invoiceId: id,
            lineId,
            name: "VAT",
            rateBps: 1_600,
            taxableMinor: l.netMinor,
            taxMinor: l.taxMinor,
          },
        });
    }
    return invoice;
  });
}

export async function invoiceState(companyId: string, invoiceId: string) {
  return withTenant(companyId, (tx) =>
    tx.invoice.findUniqueOrThrow({
      where: { id: invoiceId },
      select: { status: true, amountPaidMinor: true, creditedMinor: true, totalMinor: true },
    }),
  );
}

/**
 * Fake Stripe and Daraja servers on 127.0.0.1 with the app pointed at them (never the internet);
 * close() points it back, lets inline jobs finish and stops both.
 */
export async function fakeProviders(stripeKey: string, consumerKey: string, consumerSecret: string) {
  const stripe = await startFakeStripe(stripeKey);
  const daraja = await startFakeDaraja(consumerKey, consumerSecret);
  process.env.STRIPE_API_URL = `http://${stripe.host}:${stripe.port}`;
  process.env.MPESA_API_URL = daraja.url;
  resetEnvCache();
  forgetDarajaTokens();
  return {
    stripe,
    daraja,
    async close() {
      delete process.env.STRIPE_API_URL;
      delete process.env.MPESA_API_URL;
      resetEnvCache();
      await settleInline();
      await Promise.all([stripe.close(), daraja.close()]);
    },
  };
}
