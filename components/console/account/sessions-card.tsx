"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, LogOut, Monitor, Smartphone } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { describeUserAgent, formatDateTime, formatRelative, isMobileUserAgent } from "../format";
import type { SessionRow } from "../types";
import { useToastAction } from "../use-toast-action";

function deviceName(s: SessionRow) {
  return s.kind === "API" ? `API access · ${describeUserAgent(s.userAgent)}` : describeUserAgent(s.userAgent);
}

export function SessionsCard({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const query = useQuery(trpc.auth.account.sessions.queryOptions());
  const [confirmAll, setConfirmAll] = React.useState(false);
  const [allError, setAllError] = React.useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries(trpc.auth.account.sessions.pathFilter());

  const revoke = useMutation(trpc.auth.account.revokeSession.mutationOptions());
  const revoking = useToastAction(trpc.auth.account.sessions.pathFilter());
  const revokeOthers = useMutation(
    trpc.auth.account.revokeOtherSessions.mutationOptions({
      onSuccess: async ({ revoked }) => {
        setConfirmAll(false);
        toast({
          variant: "success",
          title: revoked === 1 ? "Signed out 1 other device" : `Signed out ${revoked} other devices`,
        });
        await invalidate();
      },
      onError: (err) => setAllError(errorMessage(err)),
    }),
  );

  const sessions = React.useMemo(
    () => (query.data ? [...query.data].sort((a, b) => Number(b.current) - Number(a.current)) : undefined),
    [query.data],
  );
  const others = sessions?.filter((s) => !s.current).length ?? 0;

  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="space-y-1.5">
          <CardTitle>Where you are signed in</CardTitle>
          <CardDescription>
            Browsers and apps signed in to your account. Sign out any you don&apos;t recognise, then change your
            password.
          </CardDescription>
        </div>
        <Button
          variant="outline"
          className="shrink-0"
          disabled={!others}
          onClick={() => {
            setAllError(null);
            setConfirmAll(true);
          }}
        >
          <LogOut aria-hidden />
          Sign out all other devices
        </Button>
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError title="Could not load your devices" error={query.error} onRetry={() => query.refetch()} />
        ) : !sessions ? (
          <div className="space-y-2" aria-busy="true" aria-label="Loading devices">
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : (
          <ul className="divide-y rounded-lg border" aria-label="Signed-in devices">
            {sessions.map((s) => {
              const Icon = s.kind === "API" ? KeyRound : isMobileUserAgent(s.userAgent) ? Smartphone : Monitor;
              const name = deviceName(s);
              return (
                <li key={s.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center">
                  <div className="flex min-w-0 flex-1 items-start gap-3">
                    <span className="mt-0.5 flex size-9 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
                      <Icon aria-hidden className="size-4" />
                    </span>
                    <div className="min-w-0 space-y-0.5">
                      <p className="flex flex-wrap items-center gap-2 font-medium">
                        <span className="truncate">{name}</span>
                        {s.current ? <Badge variant="success">This device</Badge> : null}
                      </p>
                      <p className="text-sm text-muted-foreground">
                        {s.ip ? <>IP {s.ip} · </> : null}
                        <span title={formatDateTime(s.lastSeenAt, timeZone)}>
                          {s.current ? "Active now" : `Last active ${formatRelative(s.lastSeenAt)}`}
                        </span>
                        {" · "}signed in {formatDateTime(s.createdAt, timeZone)}
                      </p>
                    </div>
                  </div>
                  {!s.current ? (
                    <Button
                      variant="outline"
                      size="sm"
                      className="self-start sm:self-center"
                      aria-label={`Revoke ${name}`}
                      disabled={revoking.pending && revoke.variables?.id === s.id}
                      onClick={() =>
                        revoking(async () => {
                          await revoke.mutateAsync({ id: s.id });
                          return "Device signed out";
                        }, "Could not sign that device out")
                      }
                    >
                      Revoke
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
        {sessions && others === 0 ? (
          <p className="mt-3 text-sm text-muted-foreground">You are not signed in anywhere else.</p>
        ) : null}
      </CardContent>
      <ConfirmDialog
        open={confirmAll}
        onOpenChange={setConfirmAll}
        title="Sign out all other devices?"
        description={`${others === 1 ? "1 other device" : `${others} other devices`} will be signed out. You stay signed in here.`}
        confirmLabel="Sign out other devices"
        pendingLabel="Signing out…"
        destructive
        pending={revokeOthers.isPending}
        error={allError}
        onConfirm={() => revokeOthers.mutate()}
      />
    </Card>
  );
}
