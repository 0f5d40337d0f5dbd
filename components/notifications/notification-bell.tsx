"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, CheckCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Spinner } from "@/components/ui/spinner";
import { formatRelative } from "@/components/console/format";

// The bell in the console's and the portal's header: unread count polled every 30 s (and on
// focus), the latest notifications in a dropdown; choosing one marks it read and opens its link.

const POLL_MS = 30_000;

export function NotificationBell({ className }: { className?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = React.useState(false);
  const unread = useQuery({
    ...trpc.notifications.unreadCount.queryOptions(),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
  const list = useQuery({ ...trpc.notifications.list.queryOptions({ pageSize: 10 }), enabled: open });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
  };
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSettled: refresh }));

  // A new poll result with more unread than the open list shows: fetch the list again.
  const count = unread.data?.count ?? 0;
  const refetchOpenList = React.useEffectEvent(() => {
    if (open) void list.refetch();
  });
  React.useEffect(() => refetchOpenList(), [count]);

  const label = count === 0 ? "Notifications" : `Notifications, ${count} unread`;
  return (
    <DropdownMenu open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className={cn("relative", className)} aria-label={label} title={label}>
          <Bell aria-hidden />
          {count > 0 ? (
            <span
              aria-hidden
              data-testid="notification-count"
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white"
            >
              {count > 99 ? "99+" : count}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-[22rem] max-w-[calc(100vw-1rem)] p-0">
        <div className="flex items-center justify-between gap-2 px-3 py-2">
          <DropdownMenuLabel className="p-0">Notifications</DropdownMenuLabel>
          <Button
            variant="ghost"
            size="sm"
            disabled={count === 0 || markAll.isPending}
            onClick={(e) => {
              e.preventDefault();
              markAll.mutate();
            }}
          >
            <CheckCheck aria-hidden />
            Mark all read
          </Button>
        </div>
        <DropdownMenuSeparator className="m-0" />
        <div className="max-h-96 overflow-y-auto p-1">
          {list.isPending ? (
            <div className="flex justify-center py-6">
              <Spinner label="Loading notifications" />
            </div>
          ) : list.isError ? (
            <p className="px-3 py-6 text-center text-sm text-destructive">
              Could not load notifications. Close and open the bell to try again.
            </p>
          ) : list.data.rows.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">
              Nothing yet. You will be told here about tickets that need you.
            </p>
          ) : (
            list.data.rows.map((n) => (
              <DropdownMenuItem
                key={n.id}
                className="flex-col items-start gap-0.5 py-2"
                onSelect={() => {
                  if (!n.readAt) markRead.mutate({ ids: [n.id] });
                  if (n.link) router.push(n.link);
                }}
              >
                <span className="flex w-full items-start gap-2">
                  <span
                    aria-hidden
                    className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.readAt ? "bg-transparent" : "bg-primary")}
                  />
                  <span className={cn("min-w-0 flex-1 text-sm", n.readAt ? "text-muted-foreground" : "font-medium")}>
                    {n.title}
                    {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                  </span>
                </span>
                {n.body ? (
                  <span className="line-clamp-3 pl-4 text-xs whitespace-pre-line text-muted-foreground">{n.body}</span>
                ) : null}
                <span className="pl-4 text-xs text-muted-foreground">{formatRelative(n.createdAt)}</span>
              </DropdownMenuItem>
            ))
          )}
        </div>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
