"use client";

import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { STATUS_LABELS } from "@/server/modules/customers/schema";
import { QueryError } from "../errors";
import { formatDateTime } from "../format";
import type { TimelineEntry } from "./types";

const FIELD_LABELS: Record<string, string> = {
  firstName: "first name",
  lastName: "last name",
  businessName: "business name",
  email: "e-mail",
  phone: "phone",
  altPhone: "alternative phone",
  serviceAddress: "service address",
  serviceLatitude: "location",
  billingAddress: "billing address",
  contactChannel: "preferred channel",
  paperlessBilling: "billing preference",
  tags: "tags",
  notes: "notes",
  type: "type",
  language: "language",
  taxId: "tax ID",
  idDocumentType: "ID document",
  idDocumentNumber: "ID document",
};

const label = (s: unknown) =>
  typeof s === "string" && s in STATUS_LABELS ? STATUS_LABELS[s as keyof typeof STATUS_LABELS] : String(s ?? "—");
const words = (s: unknown) =>
  String(s ?? "")
    .toLowerCase()
    .replace(/_/g, " ");

/** One line a person can read for each kind of history entry. */
function describe(e: TimelineEntry): string {
  // Audit details are free-form JSON: a flat record, or before/after snapshots of one.
  type Snapshot = Record<string, string | undefined>;
  const d = (e.details ?? {}) as Snapshot & { before?: Snapshot; after?: Snapshot };
  switch (e.action) {
    case "customer.create":
      return "Customer registered";
    case "customer.update": {
      const fields = [
        ...new Set(
          Object.keys(d.after ?? {})
            .map((k) => FIELD_LABELS[k])
            .filter(Boolean),
        ),
      ];
      return fields.length ? `Changed ${fields.join(", ")}` : "Details saved (no changes)";
    }
    case "customer.status_change":
      return `Status ${label(d.before?.status)} → ${label(d.after?.status)}${d.after?.reason ? `: ${d.after.reason}` : d.after?.cause ? ` (${d.after.cause})` : ""}`;
    case "customer.portal_invite":
      return `Portal invitation sent to ${d.after?.email ?? "the customer"}`;
    case "customer.link_portal_user":
      return "Portal sign-in created";
    case "customer.self_register":
      return "Signed up online through the portal";
    case "customer.data_export":
      return `Data exported (${String(d.after?.format ?? "").toUpperCase()}, ${d.after?.audience === "customer" ? "by the customer in the portal" : "by staff"})`;
    case "customer.erase":
      return "Personal data erased";
    case "subscription.status_change":
      return `Subscription ${d.package}: ${d.from ? `${words(d.from)} → ` : ""}${words(d.to)}${d.reason ? ` (${d.reason})` : ""}`;
    case "service_request.opened":
      return `Service request opened: ${words(d.kind)}${d.note ? ` — ${d.note}` : ""}`;
    case "service_request.decided":
      return `Service request ${words(d.kind)} ${words(d.status)}${d.note ? ` — ${d.note}` : ""}`;
    case "service_request.applied":
      return `Service request ${words(d.kind)} applied${d.effectiveDate ? ` (effective ${d.effectiveDate})` : ""}`;
    case "service_request.apply_failed":
      return `Service request ${words(d.kind)} could not be applied${d.error ? `: ${d.error}` : ""}`;
    case "ticket.opened":
      return `Ticket #${d.number} opened: ${d.subject}`;
    case "ticket.resolved":
      return `Ticket #${d.number} resolved${d.csatRating ? ` (rated ${d.csatRating}/5)` : ""}`;
    default:
      return e.action;
  }
}

export function Timeline({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.customers.timeline.queryOptions({ id: customerId }));
  if (query.isError)
    return <QueryError title="Could not load the history" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton className="h-24 w-full" />;
  if (query.data.length === 0)
    return (
      <EmptyState
        icon={<History />}
        title="No history yet"
        description="Changes, status changes, subscriptions and service requests will be listed here."
      />
    );
  return (
    <ol className="relative grid gap-4 border-l pl-4">
      {query.data.map((e) => (
        <li key={e.id} className="grid gap-0.5">
          <span aria-hidden className="absolute -left-1.5 mt-1.5 size-3 rounded-full border bg-background" />
          <p className="text-sm font-medium">{describe(e)}</p>
          <p className="text-xs text-muted-foreground">
            {formatDateTime(e.at, timeZone)}
            {e.actor ? ` · ${e.actor}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
