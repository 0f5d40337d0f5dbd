"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  ArrowUpDown,
  Ellipsis,
  History,
  KeyRound,
  Network,
  Pause,
  Play,
  Power,
  RefreshCw,
  XCircle,
} from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import type { PACKAGE_TYPES } from "@/server/modules/packages/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { useRefreshCustomer } from "../customers/use-refresh-customer";
import { errorMessage } from "../errors";
import { RequestChangeDialog } from "../service-requests/request-change-dialog";
import { HistoryDialog } from "./history-dialog";
import { NetworkDialog, type NetworkPermissions } from "./network-dialog";
import { PasswordDialog } from "./password-dialog";
import { ReasonDialog } from "./reason-dialog";

type Sub = {
  id: string;
  customerId: string;
  packageId: string;
  status: "PENDING" | "ACTIVE" | "SUSPENDED" | "TERMINATED";
  provisioning: "NOT_PROVISIONED" | "IN_PROGRESS" | "PROVISIONED" | "DEPROVISIONED" | "FAILED";
  pppoeUsername: string | null;
  package: { name: string; type: (typeof PACKAGE_TYPES)[number] };
};

/** The row menu of a subscription: its details, and exactly the transitions its status allows and the viewer may make. */
export function SubscriptionActions({
  sub,
  canManage,
  canActivate,
  network = { canSetAddress: false, canAttach: false },
}: {
  sub: Sub;
  canManage: boolean;
  canActivate: boolean;
  /** What the viewer may change in "Address and access" (everyone who reads subscriptions sees it). */
  network?: NetworkPermissions;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = React.useState<
    null | "suspend" | "terminate" | "regenerate" | "request" | "history" | "network"
  >(null);
  const [error, setError] = React.useState<string | null>(null);
  const [login, setLogin] = React.useState<{ username: string; password: string } | null>(null);
  const refreshCustomer = useRefreshCustomer();
  // The customer's status (activation makes a prospect active) and history change too, and a
  // suspension or package change sends Disconnect/CoA requests to live sessions ("Online now").
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.nas.pathKey() }),
      refreshCustomer(sub.customerId),
    ]);
  const done = (title: string, description?: string) => async () => {
    toast({ variant: "success", title, description });
    setDialog(null);
    await refresh();
    // Inline provisioning finishes just after the answer: look again shortly for the outcome.
    window.setTimeout(() => void refresh(), 1500);
  };
  const failed = (title: string) => (e: unknown) =>
    dialog ? setError(errorMessage(e)) : toast({ variant: "destructive", title, description: errorMessage(e) });
  const activate = useMutation(
    trpc.subscriptions.activate.mutationOptions({
      onSuccess: done("Subscription activated", "The PPPoE login is being provisioned."),
      onError: failed("Could not activate"),
    }),
  );
  const resume = useMutation(
    trpc.subscriptions.resume.mutationOptions({
      onSuccess: done("Service resumed"),
      onError: failed("Could not resume"),
    }),
  );
  const suspend = useMutation(
    trpc.subscriptions.suspend.mutationOptions({
      onSuccess: done("Service suspended", "New sessions are refused; a session online now is disconnected."),
      onError: failed("Could not suspend"),
    }),
  );
  const terminate = useMutation(
    trpc.subscriptions.terminate.mutationOptions({
      onSuccess: done("Subscription terminated", "The login is removed from the network."),
      onError: failed("Could not terminate"),
    }),
  );
  const reprovision = useMutation(
    trpc.subscriptions.reprovision.mutationOptions({
      onSuccess: done("Provisioning again"),
      onError: failed("Could not retry provisioning"),
    }),
  );
  const regenerate = useMutation(
    trpc.subscriptions.regeneratePassword.mutationOptions({
      onSuccess: (r) => {
        setDialog(null);
        setLogin({ username: r.pppoeUsername, password: r.pppoePassword });
        void refresh();
      },
      onError: failed("Could not change the password"),
    }),
  );
  const open = (d: typeof dialog) => {
    setError(null);
    setDialog(d);
  };

  const items: React.ReactNode[] = [
    <DropdownMenuItem key="history" onSelect={() => open("history")}>
      <History aria-hidden />
      Details and history
    </DropdownMenuItem>,
    <DropdownMenuItem key="network" onSelect={() => open("network")}>
      <Network aria-hidden />
      Address and access…
    </DropdownMenuItem>,
  ];
  if (canActivate && sub.status === "PENDING")
    items.push(
      <DropdownMenuItem key="activate" onSelect={() => activate.mutate({ id: sub.id })}>
        <Power aria-hidden />
        Activate
      </DropdownMenuItem>,
    );
  if (canActivate && sub.status === "SUSPENDED")
    items.push(
      <DropdownMenuItem key="resume" onSelect={() => resume.mutate({ id: sub.id })}>
        <Play aria-hidden />
        Resume
      </DropdownMenuItem>,
    );
  if (canActivate && sub.status === "ACTIVE")
    items.push(
      <DropdownMenuItem key="suspend" onSelect={() => open("suspend")}>
        <Pause aria-hidden />
        Suspend…
      </DropdownMenuItem>,
    );
  if (canActivate && sub.provisioning === "FAILED")
    items.push(
      <DropdownMenuItem key="reprovision" onSelect={() => reprovision.mutate({ id: sub.id })}>
        <RefreshCw aria-hidden />
        Retry provisioning
      </DropdownMenuItem>,
    );
  if (canManage && sub.pppoeUsername && sub.status !== "TERMINATED")
    items.push(
      <DropdownMenuItem key="regen" onSelect={() => open("regenerate")}>
        <KeyRound aria-hidden />
        New PPPoE password…
      </DropdownMenuItem>,
    );
  if (canManage && sub.status !== "TERMINATED")
    items.push(
      <DropdownMenuItem key="request" onSelect={() => open("request")}>
        <ArrowUpDown aria-hidden />
        Request a change…
      </DropdownMenuItem>,
    );
  if (canManage && sub.status !== "TERMINATED") {
    items.push(<DropdownMenuSeparator key="sep" />);
    items.push(
      <DropdownMenuItem key="terminate" variant="destructive" onSelect={() => open("terminate")}>
        <XCircle aria-hidden />
        Terminate…
      </DropdownMenuItem>,
    );
  }

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Actions for ${sub.package.name}${sub.pppoeUsername ? ` (${sub.pppoeUsername})` : ""}`}
          >
            <Ellipsis aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent className="w-52">{items}</DropdownMenuContent>
      </DropdownMenu>
      <ReasonDialog
        open={dialog === "suspend"}
        onOpenChange={(o) => (!o ? setDialog(null) : undefined)}
        title="Suspend service?"
        description="The subscriber keeps their login but every new session is refused until you resume. A session online now is disconnected at the router."
        confirmLabel="Suspend"
        destructive
        pending={suspend.isPending}
        error={error}
        onConfirm={(reason) => suspend.mutate({ id: sub.id, reason })}
      />
      <ReasonDialog
        open={dialog === "terminate"}
        onOpenChange={(o) => (!o ? setDialog(null) : undefined)}
        title="Terminate this subscription?"
        description="The login is removed from the network. A terminated subscription cannot be resumed; the customer would need a new one."
        confirmLabel="Terminate"
        destructive
        pending={terminate.isPending}
        error={error}
        onConfirm={(reason) => terminate.mutate({ id: sub.id, reason })}
      />
      <ConfirmDialog
        open={dialog === "regenerate"}
        onOpenChange={(o) => (!o ? setDialog(null) : undefined)}
        title="Generate a new PPPoE password?"
        description="The old password stops working as soon as the network is updated; the customer's router must be given the new one."
        confirmLabel="Generate password"
        pendingLabel="Generating…"
        pending={regenerate.isPending}
        error={error}
        onConfirm={() => regenerate.mutate({ id: sub.id })}
      />
      {canManage ? (
        <RequestChangeDialog
          open={dialog === "request"}
          onOpenChange={(o) => (!o ? setDialog(null) : undefined)}
          subscription={sub}
        />
      ) : null}
      <HistoryDialog subscriptionId={dialog === "history" ? sub.id : null} onClose={() => setDialog(null)} />
      <NetworkDialog
        subscriptionId={dialog === "network" ? sub.id : null}
        title={sub.pppoeUsername ?? sub.package.name}
        onClose={() => setDialog(null)}
        {...network}
      />
      <PasswordDialog login={login} onClose={() => setLogin(null)} />
    </>
  );
}
