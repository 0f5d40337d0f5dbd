"use client";

import { useQuery } from "@tanstack/react-query";
import { ReceiptSheet } from "@/components/payments/receipt-sheet";
import { useTRPC } from "@/components/trpc/client";
import { DetailPage } from "../detail-page";

/** The receipt handed over the counter: a plain page that prints on one sheet (the console's chrome hidden). */
export function PaymentReceipt({ id, companyName, timeZone }: { id: string; companyName: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.payments.get.queryOptions({ id }));
  return (
    <DetailPage query={query} what="receipt" back={{ href: `/billing/payments/${id}`, label: "Payment" }}>
      {(p) => (
        <ReceiptSheet
          payment={p}
          companyName={companyName}
          timeZone={timeZone}
          creditLabel="Credit on account"
          backHref={`/billing/payments/${p.id}`}
        />
      )}
    </DetailPage>
  );
}
