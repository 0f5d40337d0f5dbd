"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MapPin, Pencil, RefreshCw, UserRoundPlus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { formatAccountNumber } from "@/server/modules/customers/schema";
import { SOURCE_LABELS } from "@/server/modules/leads/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DetailPage } from "../detail-page";
import { errorMessage } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { ActivityFeed } from "./activity-feed";
import { ChangeStageDialog } from "./change-stage-dialog";
import { LeadFormDialog } from "./lead-form-dialog";
import { StageBadge } from "./stage-badge";
import type { LeadDetail } from "../customers/types";

type LeadDetailViewProps = { id: string; timeZone: string; viewerId: string; canManage: boolean };

export function LeadDetailView({ id, ...props }: LeadDetailViewProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.leads.get.queryOptions({ id }));
  return (
    <DetailPage query={query} what="lead" back={{ href: "/leads", label: "Leads" }}>
      {(l) => <LeadDetailBody l={l} {...props} />}
    </DetailPage>
  );
}

function LeadDetailBody({ l, timeZone, viewerId, canManage }: Omit<LeadDetailViewProps, "id"> & { l: LeadDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = React.useState(false);
  const [staging, setStaging] = React.useState(false);
  const [converting, setConverting] = React.useState(false);
  const [convertError, setConvertError] = React.useState<string | null>(null);
  const convert = useMutation(
    trpc.leads.convert.mutationOptions({
      onSuccess: async ({ customer }) => {
        toast({
          variant: "success",
          title: `${customer.displayName} is now customer ${customer.accountNo}`,
          description: "The lead is marked won; its activity history stays with it.",
        });
        await queryClient.invalidateQueries(trpc.leads.pathFilter());
        await queryClient.invalidateQueries(trpc.customers.pathFilter());
        router.push(`/customers/${customer.id}`);
      },
      onError: (err) => setConvertError(errorMessage(err)),
    }),
  );

  const open = l.stage !== "WON" && l.stage !== "LOST";
  const mapUrl =
    l.latitude !== null && l.longitude !== null
      ? `https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=17/${l.latitude}/${l.longitude}`
      : null;

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {l.name}
            <StageBadge stage={l.stage} />
          </span>
        }
        description={`${SOURCE_LABELS[l.source]} lead, added ${formatDate(l.createdAt, timeZone)}${l.owner ? `, owned by ${l.owner.name}` : ", unassigned"}`}
        actions={
          canManage && l.stage !== "WON" ? (
            <>
              <Button variant="outline" onClick={() => setEditing(true)}>
                <Pencil aria-hidden />
                Edit
              </Button>
              <Button variant="outline" onClick={() => setStaging(true)}>
                <RefreshCw aria-hidden />
                {l.stage === "LOST" ? "Reopen" : "Change stage"}
              </Button>
              {open ? (
                <Button
                  onClick={() => {
                    setConvertError(null);
                    setConverting(true);
                  }}
                >
                  <UserRoundPlus aria-hidden />
                  Convert to customer
                </Button>
              ) : null}
            </>
          ) : null
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-3 text-sm">
                {(
                  [
                    ["Business", l.businessName],
                    ["Phone", l.phone],
                    ["E-mail", l.email],
                    ["Address", l.address],
                    ["Coverage area", l.coverageArea],
                    [
                      "Location",
                      mapUrl ? (
                        <a
                          className="inline-flex items-center gap-1 text-primary hover:underline"
                          href={mapUrl}
                          target="_blank"
                          rel="noreferrer"
                        >
                          <MapPin aria-hidden className="size-4" />
                          {l.latitude}, {l.longitude}
                        </a>
                      ) : null,
                    ],
                    ["Interested in", l.interestedPackage?.name],
                    ["Follow up", l.followUpAt ? formatDateTime(l.followUpAt, timeZone) : null],
                    ["Lost because", l.stage === "LOST" ? l.lostReason : null],
                    [
                      "Customer",
                      l.customer ? (
                        <Link className="text-primary hover:underline" href={`/customers/${l.customer.id}`}>
                          {formatAccountNumber(l.customer.accountNumber)}
                        </Link>
                      ) : null,
                    ],
                  ] as [string, React.ReactNode][]
                )
                  .filter(([, v]) => v !== null && v !== undefined && v !== "")
                  .map(([label, value]) => (
                    <div key={label} className="grid gap-0.5">
                      <dt className="text-muted-foreground">{label}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
              </dl>
            </CardContent>
          </Card>
        </div>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Activity</CardTitle>
          </CardHeader>
          <CardContent>
            <ActivityFeed lead={l} timeZone={timeZone} canManage={canManage && l.stage !== "WON"} />
          </CardContent>
        </Card>
      </div>

      {canManage ? <LeadFormDialog open={editing} onOpenChange={setEditing} lead={l} viewerId={viewerId} /> : null}
      {canManage ? <ChangeStageDialog open={staging} onOpenChange={setStaging} lead={l} /> : null}
      <ConfirmDialog
        open={converting}
        onOpenChange={setConverting}
        title={`Convert ${l.name} into a customer?`}
        description="A prospect customer is created with the lead's contact details and address, and the lead is marked won. You can then add a subscription on the customer's page."
        confirmLabel="Convert to customer"
        pendingLabel="Converting…"
        pending={convert.isPending}
        error={convertError}
        onConfirm={() => convert.mutate({ id: l.id })}
      />
    </>
  );
}
