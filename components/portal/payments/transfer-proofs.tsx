"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { UploadField } from "@/components/attachments/upload-field";
import { useUploads } from "@/components/attachments/use-uploads";
import { applyServerErrors, formErrorOf, setFormError } from "@/components/console/errors";
import { formatDate } from "@/components/console/format";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { formatMoney, parseMoney } from "@/server/lib/money";
import { submitProofSchema } from "@/server/modules/bank-transfers/schema";

// The amount is typed as money ("25.00"); reference, date and note are the module's own schema.
const formSchema = submitProofSchema
  .pick({ reference: true, paidOn: true, note: true })
  .extend({ amount: z.string().trim().min(1, "Enter the amount you transferred.") });
type FormIn = z.input<typeof formSchema>;
type FormOut = z.output<typeof formSchema>;

const STATUS: Record<string, { label: string; variant: "outline" | "success" | "destructive" }> = {
  SUBMITTED: { label: "Being checked", variant: "outline" },
  VERIFIED: { label: "Confirmed", variant: "success" },
  REJECTED: { label: "Not accepted", variant: "destructive" },
};

/** "I paid by bank transfer": the bank's receipt with amount, reference and date, for staff to check. */
export function TransferProofForm({ currency, today }: { currency: string; today: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const uploads = useUploads(1);
  const submit = useMutation(trpc.bankTransfers.proofs.submit.mutationOptions());
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(formSchema),
    defaultValues: { amount: "", reference: "", paidOn: today, note: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ amount, ...rest }) => {
    const amountMinor = parseMoney(amount, currency);
    if (!amountMinor) return form.setError("amount", { message: "Enter an amount such as 1500 or 1500.00." });
    if (uploads.ids.length === 0) return setFormError(form, "Attach the bank's receipt (a photo or PDF) first.");
    try {
      await submit.mutateAsync({ ...rest, amountMinor, attachmentIds: uploads.ids });
      toast({ variant: "success", title: "Thank you", description: "We check the transfer and confirm it here." });
      form.reset({ amount: "", reference: "", paidOn: today, note: "" });
      uploads.reset();
      await queryClient.invalidateQueries(trpc.bankTransfers.proofs.mine.pathFilter());
    } catch (err) {
      const amountError = fieldErrors(err).amountMinor;
      if (amountError) form.setError("amount", { type: "server", message: amountError }, { shouldFocus: true });
      else applyServerErrors(form, err);
    }
  });

  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
      {formErrorOf(form) ? (
        <Alert variant="destructive" className="sm:col-span-2">
          <AlertDescription>{formErrorOf(form)}</AlertDescription>
        </Alert>
      ) : null}
      <FormField label={`Amount transferred (${currency})`} error={errors.amount?.message}>
        <Input inputMode="decimal" {...form.register("amount")} />
      </FormField>
      <FormField label="Date of the transfer" error={errors.paidOn?.message}>
        <Input type="date" max={today} {...form.register("paidOn")} />
      </FormField>
      <FormField
        label="Bank reference"
        description="As printed on the bank's receipt or SMS."
        error={errors.reference?.message}
        className="sm:col-span-2"
      >
        <Input {...form.register("reference")} />
      </FormField>
      <FormField label="Anything we should know? (optional)" error={errors.note?.message} className="sm:col-span-2">
        <Textarea rows={2} {...form.register("note")} />
      </FormField>
      <div className="grid gap-1 sm:col-span-2">
        <span className="text-sm font-medium">The bank&rsquo;s receipt</span>
        <UploadField id="transfer-receipt" uploads={uploads} />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={submit.isPending || uploads.busy}>
          {uploads.busy ? "Uploading the receipt…" : submit.isPending ? "Sending…" : "Send proof of transfer"}
        </Button>
      </div>
    </form>
  );
}

/** The customer's proofs of transfer, newest first, 20 at a time: being checked, confirmed, or not accepted and why. */
export function TransferProofsList({ currency, timeZone }: { currency: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.bankTransfers.proofs.mine.infiniteQueryOptions(
      { limit: 20 },
      {
        getNextPageParam: (last) => last.nextCursor,
      },
    ),
  );
  if (query.isLoading) return <Spinner label="Loading your transfers" />;
  if (query.error) return <p className="text-sm text-destructive">{query.error.message}</p>;
  const proofs = query.data?.pages.flatMap((p) => p.rows) ?? [];
  if (!proofs.length)
    return (
      <p className="text-sm text-muted-foreground">
        No bank transfers reported yet. Paid by bank? Send the bank&rsquo;s receipt with the form above.
      </p>
    );
  return (
    <div className="grid gap-2">
      <ul className="grid gap-2 text-sm" aria-label="Bank transfers you reported">
        {proofs.map((p) => (
          <li key={p.id} className="grid gap-1 rounded-md border p-2">
            <span className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <span className="font-medium">{p.reference}</span>
                <span className="text-muted-foreground">
                  {" "}
                  · paid {formatDate(`${p.paidOn}T00:00:00Z`, "UTC")} · sent {formatDate(p.createdAt, timeZone)}
                </span>
              </span>
              <span className="flex items-center gap-3">
                <Badge variant={STATUS[p.status]?.variant ?? "outline"}>{STATUS[p.status]?.label ?? p.status}</Badge>
                <span className="font-medium tabular-nums">{formatMoney(p.amountMinor, currency)}</span>
              </span>
            </span>
            {p.status === "REJECTED" && p.rejectReason ? (
              <span className="text-destructive">Why: {p.rejectReason}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {query.hasNextPage ? (
        <Button
          variant="outline"
          className="justify-self-start"
          disabled={query.isFetchingNextPage}
          onClick={() => query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? "Loading…" : "Show older transfers"}
        </Button>
      ) : null}
    </div>
  );
}
