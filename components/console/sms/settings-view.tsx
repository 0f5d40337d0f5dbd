"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { MessageSquareOff } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { PROVIDER_LABELS } from "@/server/modules/sms/schema";
import { QueryError } from "../errors";
import { AccountCard } from "./account-card";
import { TestCard } from "./test-card";

export function SmsSettingsView() {
  const trpc = useTRPC();
  const query = useQuery(trpc.sms.settings.get.queryOptions());
  if (query.isError)
    return <QueryError title="Could not load the SMS settings" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton className="h-96 w-full" aria-label="Loading SMS settings" />;
  const settings = query.data;
  return (
    <div className="grid gap-6">
      {settings.enabled ? (
        <Alert variant="success">
          <AlertTitle>SMS is on</AlertTitle>
          <AlertDescription>
            Messages go through {PROVIDER_LABELS[settings.provider]} from “{settings.senderId}”. Reword them under{" "}
            <Link href="/settings/sms/templates" className="font-medium underline underline-offset-4">
              SMS templates
            </Link>
            .
          </AlertDescription>
        </Alert>
      ) : (
        <Alert>
          <MessageSquareOff aria-hidden />
          <AlertTitle>SMS is switched off</AlertTitle>
          <AlertDescription>{settings.offMessage}</AlertDescription>
        </Alert>
      )}
      <AccountCard key={`${settings.provider}-${settings.account}-${settings.senderId}`} settings={settings} />
      <TestCard enabled={settings.enabled} />
      <p className="text-sm text-muted-foreground">
        The words of each message (invoice, receipt, reminder, suspension, restoration, data cap) are under{" "}
        <Link href="/settings/sms/templates" className="font-medium text-primary underline-offset-4 hover:underline">
          SMS templates
        </Link>
        ; what was sent is in the{" "}
        <Link href="/sms" className="font-medium text-primary underline-offset-4 hover:underline">
          SMS log
        </Link>
        .
      </p>
    </div>
  );
}
