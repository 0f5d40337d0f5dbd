"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ReceiptSheet } from "@/components/payments/receipt-sheet";
import { useTRPC } from "@/components/trpc/client";
import { Spinner } from "@/components/ui/spinner";

/** The customer's receipt for one of their payments: a plain page that prints on one sheet. */
export function PortalReceipt({ id, companyName, timeZone }: { id: string; companyName: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.portal.billing.payment.queryOptions({ id }));
  if (query.isLoading) return <Spinner label="Loading the receipt" />;
  if (query.error || !query.data)
    return (
      <div className="grid gap-2 text-sm">
        <p className="text-destructive">{query.error?.message ?? "This receipt was not found."}</p>
        <Link href="/portal/payments" className="underline underline-offset-4">
          Back to your payments
        </Link>
      </div>
    );
  const p = query.data;
  return (
    <ReceiptSheet
      payment={p}
      companyName={companyName}
      timeZone={timeZone}
      creditLabel="Credit on your account"
      backHref="/portal/payments"
      notice={
        p.status === "PENDING" || p.status === "FAILED" ? (
          <p className="text-center">
            {p.status === "PENDING"
              ? "This payment has not gone through yet: the receipt is ready once it does."
              : "This payment did not go through, so there is no receipt."}
          </p>
        ) : null
      }
    />
  );
}
