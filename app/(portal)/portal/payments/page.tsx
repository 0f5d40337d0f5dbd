import type { Metadata } from "next";
import { Suspense } from "react";
import { requireCustomer } from "@/server/auth/guards";
import { PortalPayments } from "@/components/portal/payments/payment-history";
import { TransferProofForm, TransferProofsList } from "@/components/portal/payments/transfer-proofs";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { todayIn } from "@/server/modules/subscriptions/dates";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage() {
  const { company } = await requireCustomer();
  // The reported transfers load in the browser, a page at a time (TransferProofsList).
  await prefetch(trpc.portal.billing.payments.queryOptions({ page: 1, pageSize: 20 }));
  return (
    <HydrateClient>
      <div className="grid gap-6">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Payments</h1>
          <p className="text-sm text-muted-foreground">
            What you paid, with receipts, and bank transfers you told us about.
          </p>
        </div>
        <Suspense>
          <PortalPayments timeZone={company.timeZone} />
        </Suspense>
        <section className="grid gap-3 rounded-xl border p-4" aria-labelledby="transfer-heading">
          <h2 id="transfer-heading" className="font-medium">
            I paid by bank transfer
          </h2>
          <p className="text-sm text-muted-foreground">
            Send us the bank&rsquo;s receipt: once we find the transfer on our statement, it is credited to your
            account.
          </p>
          <TransferProofForm currency={company.currency} today={todayIn(company.timeZone)} />
          <h3 className="text-sm font-medium">Your reported transfers</h3>
          <TransferProofsList currency={company.currency} timeZone={company.timeZone} />
        </section>
      </div>
    </HydrateClient>
  );
}
