"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Send } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/server/lib/money";
import { LINE_KIND_LABELS, voidInvoiceSchema } from "@/server/modules/billing/schema";
import { FormField } from "@/components/ui/form-field";
import { DetailPage } from "../detail-page";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { formatDate } from "../format";
import { CreditNoteDialog } from "./credit-note-dialog";
import { CustomerCredit } from "./customer-credit";
import { InvoicePayments } from "./invoice-payments";
import { InvoiceStatusBadge } from "./invoice-status";
import { WriteOffInvoice } from "./write-off-invoice";
import { formatAccountNumber } from "@/server/modules/customers/schema";

const day = (d: Date | string | null) => formatDate(d, "UTC");

export function InvoiceDetailView({ id, canManage, timeZone }: { id: string; canManage: boolean; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.billing.invoices.get.queryOptions({ id }));
  const [crediting, setCrediting] = React.useState(false);
  return (
    <DetailPage query={query} what="invoice" back={{ href: "/billing/invoices", label: "Invoices" }}>
      {(invoice) => {
        const money = (minor: number) => formatMoney(minor, invoice.currency);
        return (
          <div className="space-y-6">
            <PageHeader
              title={`Invoice ${invoice.displayNumber}`}
              description={`${invoice.customer.name} · account ${formatAccountNumber(invoice.customer.accountNumber)}`}
              actions={
                <>
                  <Button asChild variant="outline">
                    {/* A route handler, not a page: a plain link downloads the file. */}
                    <a href={`/billing/invoices/${invoice.id}/pdf`} download>
                      <Download aria-hidden /> Download PDF
                    </a>
                  </Button>
                  {canManage && invoice.status !== "DRAFT" ? (
                    <SendAgain id={invoice.id} email={invoice.customer.email} />
                  ) : null}
                  {canManage && invoice.status !== "VOID" && invoice.status !== "DRAFT" ? (
                    <Button variant="outline" onClick={() => setCrediting(true)}>
                      Credit note
                    </Button>
                  ) : null}
                  {canManage && (invoice.status === "OPEN" || invoice.status === "PARTIALLY_PAID") ? (
                    <WriteOffInvoice id={invoice.id} balance={money(invoice.balanceMinor)} />
                  ) : null}
                </>
              }
            />
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <InvoiceStatusBadge status={invoice.status} overdue={invoice.overdue} />
              <span>Issued {day(invoice.issueDate)}</span>
              <span>Due {day(invoice.dueDate)}</span>
              {invoice.periodStart ? (
                <span>
                  Service {day(invoice.periodStart)}–{day(invoice.periodEnd)}
                </span>
              ) : null}
              <span className="text-muted-foreground">
                Prices {invoice.taxMode === "INCLUSIVE" ? "include" : "exclude"} tax; rounding{" "}
                {invoice.roundingMode === "HALF_EVEN" ? "half to even" : "half up"} per line
              </span>
            </div>
            {invoice.writtenOffAt ? (
              <p role="status" className="rounded-md border p-3 text-sm">
                Written off as uncollectible on {formatDate(invoice.writtenOffAt, timeZone)}
                {invoice.writeOffReason ? `: ${invoice.writeOffReason}` : ""}. Bad debt{" "}
                {money(invoice.writtenOffMinor ?? 0)}
                {invoice.amountPaidMinor > 0 && invoice.status === "PAID" ? "; since recovered in full" : ""}.
              </p>
            ) : null}
            {invoice.status === "VOID" ? (
              <p role="status" className="rounded-md border p-3 text-sm">
                Voided {invoice.voidReason ? `: ${invoice.voidReason}` : ""}. The invoice keeps its number.
              </p>
            ) : null}
            <Card>
              <CardHeader>
                <CardTitle>Lines</CardTitle>
              </CardHeader>
              <CardContent className="px-0">
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead className="pl-6">What</TableHead>
                      <TableHead className="hidden md:table-cell">Period</TableHead>
                      <TableHead className="text-right">Qty</TableHead>
                      <TableHead className="text-right">Unit price</TableHead>
                      <TableHead className="text-right">Discount</TableHead>
                      <TableHead className="text-right">Tax</TableHead>
                      <TableHead className="pr-6 text-right">Amount</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {invoice.lines.map((line) => (
                      <TableRow key={line.id}>
                        <TableCell className="pl-6 align-top">
                          <div className="font-medium">{line.description}</div>
                          <div className="text-xs text-muted-foreground">{LINE_KIND_LABELS[line.kind]}</div>
                          <p className="mt-1 max-w-prose text-xs text-muted-foreground">
                            <span className="font-medium">Rule: </span>
                            {line.rule}
                          </p>
                        </TableCell>
                        <TableCell className="hidden align-top md:table-cell">
                          {line.periodStart ? `${day(line.periodStart)}–${day(line.periodEnd)}` : "—"}
                        </TableCell>
                        <TableCell className="text-right align-top">
                          {line.kind === "OVERAGE" ? `${line.quantity} MB` : line.quantity}
                        </TableCell>
                        <TableCell className="text-right align-top whitespace-nowrap">
                          {money(line.unitPriceMinor)}
                        </TableCell>
                        <TableCell className="text-right align-top whitespace-nowrap">
                          {line.discountMinor ? `−${money(line.discountMinor)}` : "—"}
                        </TableCell>
                        <TableCell className="text-right align-top whitespace-nowrap">{money(line.taxMinor)}</TableCell>
                        <TableCell className="pr-6 text-right align-top whitespace-nowrap">
                          {money(line.totalMinor)}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </CardContent>
            </Card>
            <div className="grid gap-6 md:grid-cols-2">
              <Card>
                <CardHeader>
                  <CardTitle>Tax summary</CardTitle>
                </CardHeader>
                <CardContent className="space-y-1 text-sm">
                  {invoice.taxSummary.length === 0 ? (
                    <p className="text-muted-foreground">No tax on this invoice.</p>
                  ) : null}
                  {invoice.taxSummary.map((t) => (
                    <div key={`${t.name}-${t.rateBps}`} className="flex justify-between">
                      <span>
                        {t.name} {t.rateBps / 100} % on {money(t.taxableMinor)}
                      </span>
                      <span>{money(t.taxMinor)}</span>
                    </div>
                  ))}
                  <p className="pt-2 text-muted-foreground">
                    Our tax number: {invoice.companyTaxNumber ?? "—"} · Customer&apos;s:{" "}
                    {invoice.customerTaxNumber ?? "—"}
                  </p>
                </CardContent>
              </Card>
              <Card>
                <CardHeader>
                  <CardTitle>Totals</CardTitle>
                </CardHeader>
                <CardContent className="space-y-1 text-sm">
                  <Amount label="Subtotal (without tax)" value={money(invoice.subtotalMinor)} />
                  <Amount label="Discounts included" value={money(invoice.discountMinor)} />
                  <Amount label="Tax" value={money(invoice.taxMinor)} />
                  <Amount label="Total" value={money(invoice.totalMinor)} strong />
                  <Amount label="Paid" value={money(invoice.amountPaidMinor)} />
                  {invoice.creditedMinor ? (
                    <Amount label="Credit notes" value={`−${money(invoice.creditedMinor)}`} />
                  ) : null}
                  <Amount label="Balance" value={money(invoice.balanceMinor)} strong />
                </CardContent>
              </Card>
            </div>
            {invoice.billingRun ? (
              <p className="text-sm text-muted-foreground">
                From the{" "}
                <Link className="underline" href={`/billing/runs?run=${invoice.billingRun.id}`}>
                  billing run of {day(invoice.billingRun.runDate)}
                </Link>
                .
              </p>
            ) : null}
            {invoice.status !== "DRAFT" ? <InvoicePayments invoiceId={invoice.id} timeZone={timeZone} /> : null}
            <CustomerCredit invoiceId={invoice.id} customerId={invoice.customer.id} currency={invoice.currency} />
            {canManage ? (
              <CreditNoteDialog
                invoiceId={invoice.id}
                currency={invoice.currency}
                open={crediting}
                onOpenChange={setCrediting}
              />
            ) : null}
            {canManage && (invoice.status === "OPEN" || invoice.status === "DRAFT") ? (
              <VoidInvoice id={invoice.id} />
            ) : null}
          </div>
        );
      }}
    </DetailPage>
  );
}

function Amount({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={strong ? "flex justify-between font-semibold" : "flex justify-between"}>
      <span>{label}</span>
      <span>{value}</span>
    </div>
  );
}

/** E-mails the invoice with its PDF once more, to the address on the customer's record now. */
function SendAgain({ id, email }: { id: string; email: string | null }) {
  const trpc = useTRPC();
  const toast = useToast();
  const send = useMutation(trpc.billing.invoices.send.mutationOptions());
  const onClick = async () => {
    try {
      const sent = await send.mutateAsync({ id });
      toast({ variant: "success", title: "Invoice sent", description: `E-mailed with its PDF to ${sent.email}.` });
    } catch (err) {
      toast({
        variant: "destructive",
        title: "The invoice was not sent",
        description: err instanceof Error ? err.message : "Try again in a moment.",
      });
    }
  };
  return (
    <Button
      variant="outline"
      onClick={onClick}
      disabled={send.isPending}
      title={email ? `E-mail it to ${email}` : "The customer has no e-mail address on file"}
    >
      <Send aria-hidden /> {send.isPending ? "Sending…" : "Send again"}
    </Button>
  );
}

const voidForm = voidInvoiceSchema.pick({ reason: true });

/** Voiding needs a reason; corrections of a paid invoice are credit notes instead. */
function VoidInvoice({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm({ resolver: zodResolver(voidForm), defaultValues: { reason: "" } });
  const voiding = useMutation(trpc.billing.invoices.void.mutationOptions());
  const onSubmit = form.handleSubmit(async ({ reason }) => {
    try {
      const saved = await voiding.mutateAsync({ id, reason });
      queryClient.setQueryData(trpc.billing.invoices.get.queryKey({ id }), saved);
      await queryClient.invalidateQueries({ queryKey: trpc.billing.invoices.list.queryKey() });
      toast({ variant: "success", title: `Invoice ${saved.displayNumber} voided` });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Void this invoice</CardTitle>
      </CardHeader>
      <CardContent>
        <form noValidate className="grid gap-3" onSubmit={onSubmit}>
          <FormError message={formErrorOf(form)} title="The invoice was not voided" />
          <FormField
            label="Why is it voided?"
            error={form.formState.errors.reason?.message}
            required
            description="It keeps its number. A paid invoice is corrected with a credit note instead."
          >
            <Input {...form.register("reason")} />
          </FormField>
          <div>
            <Button type="submit" variant="destructive" disabled={voiding.isPending}>
              Void invoice
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
