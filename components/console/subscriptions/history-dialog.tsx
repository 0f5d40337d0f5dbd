"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { ProvisioningBadge, SUBSCRIPTION_STATUS_LABELS, SubscriptionStatusBadge } from "./badges";

/** Who changed the subscription, when and why; and its details on the network. */
export function HistoryDialog({ subscriptionId, onClose }: { subscriptionId: string | null; onClose: () => void }) {
  const trpc = useTRPC();
  const company = useQuery(trpc.companies.current.queryOptions());
  const sub = useQuery(
    trpc.subscriptions.get.queryOptions({ id: subscriptionId ?? "" }, { enabled: !!subscriptionId }),
  );
  const timeZone = company.data?.timeZone ?? "UTC";
  const s = sub.data;
  return (
    <Dialog open={!!subscriptionId} onOpenChange={(o) => (!o ? onClose() : undefined)}>
      <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{s ? s.package.name : "Subscription"}</DialogTitle>
          <DialogDescription>Times in {timeZone.replace(/_/g, " ")}.</DialogDescription>
        </DialogHeader>
        {sub.isError ? (
          <QueryError error={sub.error} onRetry={() => sub.refetch()} />
        ) : !s ? (
          <div className="space-y-2" aria-busy="true">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        ) : (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Status</dt>
              <dd>
                <SubscriptionStatusBadge status={s.status} />
              </dd>
              <dt className="text-muted-foreground">Network</dt>
              <dd className="space-y-1">
                <ProvisioningBadge state={s.provisioning} error={s.provisioningError} />
                {s.provisioningError ? <p className="text-xs text-destructive">{s.provisioningError}</p> : null}
                {s.provisionedAt ? (
                  <p className="text-xs text-muted-foreground">
                    Last provisioned {formatDateTime(s.provisionedAt, timeZone)}
                  </p>
                ) : null}
              </dd>
              <dt className="text-muted-foreground">PPPoE username</dt>
              <dd className="font-mono">{s.pppoeUsername ?? "—"}</dd>
              <dt className="text-muted-foreground">Static IP</dt>
              <dd className="font-mono">{s.staticIp ?? "—"}</dd>
              <dt className="text-muted-foreground">Start / contract end</dt>
              <dd>
                {formatDate(s.startDate, "UTC")} / {formatDate(s.contractEndDate, "UTC", "no minimum term")}
              </dd>
              <dt className="text-muted-foreground">Installation address</dt>
              <dd>{s.installationAddress ?? "—"}</dd>
              <dt className="text-muted-foreground">CPE serial</dt>
              <dd className="font-mono">{s.cpeSerial ?? "—"}</dd>
            </dl>
            <h3 className="mt-2 text-sm font-semibold">History</h3>
            <ol className="space-y-3 border-l pl-4">
              {s.events.map((e) => (
                <li key={e.id} className="text-sm">
                  <p className="font-medium">
                    {e.fromStatus && e.fromStatus !== e.toStatus
                      ? `${SUBSCRIPTION_STATUS_LABELS[e.fromStatus]} → ${SUBSCRIPTION_STATUS_LABELS[e.toStatus]}`
                      : SUBSCRIPTION_STATUS_LABELS[e.toStatus]}
                  </p>
                  {e.reason ? <p>{e.reason}</p> : null}
                  <p className="text-xs text-muted-foreground">
                    {formatDateTime(e.createdAt, timeZone)} · {e.actorLabel ?? "system"}
                  </p>
                </li>
              ))}
            </ol>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
