"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { formatDate } from "../format";
import type { InvitationRow, Role } from "../types";

export function InvitationsCard({ timeZone, roleLabel }: { timeZone: string; roleLabel: (role: Role) => string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const query = useQuery(trpc.users.invitations.queryOptions());
  const [target, setTarget] = React.useState<InvitationRow | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const revoke = useMutation(
    trpc.users.revokeInvitation.mutationOptions({
      onSuccess: async () => {
        toast({
          variant: "success",
          title: `Invitation for ${target?.email ?? "them"} revoked`,
          description: "The link in their e-mail no longer works.",
        });
        setTarget(null);
        await queryClient.invalidateQueries(trpc.users.invitations.pathFilter());
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );

  return (
    <Card className="mt-8">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Pending invitations
          {query.data && query.data.length > 0 ? <Badge variant="secondary">{query.data.length}</Badge> : null}
        </CardTitle>
        <CardDescription>
          People who have been invited but have not joined yet. Invitations expire after 7 days.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError title="Could not load invitations" error={query.error} onRetry={() => query.refetch()} />
        ) : !query.data ? (
          <div className="space-y-2" aria-busy="true" aria-label="Loading invitations">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : query.data.length === 0 ? (
          <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center">
            <MailPlus aria-hidden className="size-6 text-muted-foreground" />
            <p className="font-medium">No pending invitations</p>
            <p className="text-sm text-muted-foreground">
              Use “Invite staff” to give a colleague access. Their invitation will wait here until they join.
            </p>
          </div>
        ) : (
          <ul className="divide-y rounded-lg border" aria-label="Pending invitations">
            {query.data.map((inv) => (
              <li key={inv.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {inv.name} <span className="font-normal text-muted-foreground">· {inv.email}</span>
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {roleLabel(inv.role)} · sent {formatDate(inv.createdAt, timeZone)} · expires{" "}
                    {formatDate(inv.expiresAt, timeZone)}
                  </p>
                </div>
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={`Revoke invitation for ${inv.email}`}
                  onClick={() => {
                    setError(null);
                    setTarget(inv);
                  }}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <ConfirmDialog
        open={!!target}
        onOpenChange={(o) => (!o ? setTarget(null) : undefined)}
        title="Revoke this invitation?"
        description={
          target ? `The link sent to ${target.email} will stop working. You can invite them again later.` : undefined
        }
        confirmLabel="Revoke invitation"
        pendingLabel="Revoking…"
        destructive
        pending={revoke.isPending}
        error={error}
        onConfirm={() => target && revoke.mutate({ id: target.id })}
      />
    </Card>
  );
}
