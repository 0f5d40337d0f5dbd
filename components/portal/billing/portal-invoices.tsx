"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { StatementDownload } from "@/components/console/billing/statement-download";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/spinner";
import { PayNowDialog } from "../payments/pay-now-dialog";
import { PortalInvoicesTable } from "./invoices-table";

/** All of the customer's invoices, newest first, each with its PDF; and the statement for any range. */
export function PortalInvoices() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const query = useQuery(
    trpc.portal.billing.invoices.queryOptions(
      { page, pageSize: 20, sort: "issueDate", direction: "desc" },
      { placeholderData: keepPreviousData },
    ),
  );

  return (
    <div className="grid gap-5">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Invoices</h1>
        <p className="text-sm text-muted-foreground">Every invoice we sent you, with its PDF.</p>
      </div>
      {query.isLoading ? <Spinner label="Loading your invoices" /> : null}
      {query.error ? <p className="text-sm text-destructive">{query.error.message}</p> : null}
      {query.data && query.data.total === 0 ? (
        <p className="text-sm text-muted-foreground">
          No invoices yet. Each invoice is e-mailed to you when it is issued, and appears here.
        </p>
      ) : null}
      {query.data?.rows.length ? (
        <PortalInvoicesTable
          rows={query.data.rows}
          action={(i) =>
            i.balanceMinor > 0 && (i.status === "OPEN" || i.status === "PARTIALLY_PAID") ? (
              <PayNowDialog amountMinor={i.balanceMinor} invoiceIds={[i.id]} label="Pay" size="sm" />
            ) : null
          }
        />
      ) : null}
      {query.data && query.data.pageCount > 1 ? (
        <Pagination
          page={query.data.page}
          pageCount={query.data.pageCount}
          onPageChange={(p) =>
            router.replace(p > 1 ? `/portal/invoices?page=${p}` : "/portal/invoices", { scroll: false })
          }
        />
      ) : null}
      <section className="grid gap-3 rounded-xl border p-4" aria-labelledby="statement-heading">
        <h2 id="statement-heading" className="font-medium">
          Statement of account
        </h2>
        <StatementDownload href="/portal/statement" labels={["From", "To"]} />
      </section>
    </div>
  );
}
