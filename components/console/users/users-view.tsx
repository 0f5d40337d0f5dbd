"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ellipsis, Search, ShieldCheck, UserCog, UserRoundCheck, UserRoundX, Users } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { formatDateTime } from "../format";
import { SortableHead, type SortDirection } from "../sortable-head";
import type { Role, RoleOption, UserRow } from "../types";
import { pageFrom, useDebouncedInput, useUrlState } from "../use-url-state";
import { ChangeRoleDialog } from "./change-role-dialog";
import { InvitationsCard } from "./invitations-card";
import { InviteDialog } from "./invite-dialog";

const SORTS = ["name", "email", "role", "createdAt", "lastLoginAt"] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZE = 25;

export type UsersViewProps = {
  timeZone: string;
  viewerId: string;
  roles: RoleOption[];
  canInvite: boolean;
  canUpdate: boolean;
  canReadOutbox: boolean;
};

export function UsersView({ timeZone, viewerId, roles, canInvite, canUpdate, canReadOutbox }: UsersViewProps) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = pageFrom(url.get("page"));
  const search = url.get("q") ?? "";
  const roleParam = url.get("role");
  const role = roles.some((r) => r.value === roleParam) ? (roleParam as Role) : undefined;
  const sortParam = url.get("sort");
  const sort: Sort = SORTS.includes(sortParam as Sort) ? (sortParam as Sort) : "name";
  const direction: SortDirection = url.get("dir") === "desc" ? "desc" : "asc";
  const roleLabel = (r: Role) => roles.find((o) => o.value === r)?.label ?? r;

  const commitSearch = React.useCallback((q: string) => url.set({ q: q.trim() || undefined, page: undefined }), [url]);
  const [searchText, setSearchText] = useDebouncedInput(search, commitSearch);

  const query = useQuery(
    trpc.users.list.queryOptions(
      { page, pageSize: PAGE_SIZE, search: search || undefined, role, sort, direction },
      { placeholderData: keepPreviousData },
    ),
  );
  const data = query.data;
  const filtered = !!search || !!role;

  const [roleTarget, setRoleTarget] = React.useState<UserRow | null>(null);
  const [disableTarget, setDisableTarget] = React.useState<UserRow | null>(null);
  const [statusError, setStatusError] = React.useState<string | null>(null);
  const toast = useToast();
  const queryClient = useQueryClient();
  const setStatus = useMutation(
    trpc.users.setStatus.mutationOptions({
      onSuccess: async (user) => {
        toast({
          variant: "success",
          title: user.status === "DISABLED" ? `${user.name}'s account is disabled` : `${user.name}'s account is enabled`,
          description: user.status === "DISABLED" ? "They have been signed out everywhere." : "They can sign in again.",
        });
        setDisableTarget(null);
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
      },
      onError: (err, vars) => {
        if (vars.status === "DISABLED") setStatusError(errorMessage(err));
        else toast({ variant: "destructive", title: "Could not enable the account", description: errorMessage(err) });
      },
    }),
  );

  const onSort = (column: Sort, dir: SortDirection) => url.set({ sort: column === "name" ? undefined : column, dir: dir === "asc" ? undefined : dir, page: undefined });
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <>
      <PageHeader
        title="Users"
        description={`Everyone with an account at your company: staff and customers. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
        actions={canInvite ? <InviteDialog roles={roles} canReadOutbox={canReadOutbox} /> : null}
      />

      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b p-4 sm:flex-row sm:items-end">
          <div className="grid flex-1 gap-2">
            <Label htmlFor="users-search">Search users</Label>
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input
                id="users-search"
                type="search"
                placeholder="Name or e-mail"
                className="pl-9"
                value={searchText}
                onChange={(e) => setSearchText(e.target.value)}
              />
            </div>
          </div>
          <div className="grid gap-2 sm:w-60">
            <Label htmlFor="users-role">Show</Label>
            <NativeSelect id="users-role" value={role ?? ""} onChange={(e) => url.set({ role: e.target.value || undefined, page: undefined })}>
              <option value="">All roles</option>
              {roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>

        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load users" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <UsersSkeleton />
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<Users />}
              title={filtered ? "No users match your filters" : "No users yet"}
              description={
                filtered
                  ? "Try another name or e-mail, or show all roles."
                  : canInvite
                    ? "Invite your colleagues to give them access to the console."
                    : "Ask a Super Admin to invite your colleagues."
              }
              action={
                filtered ? (
                  <Button variant="outline" onClick={() => url.set({ q: undefined, role: undefined, page: undefined })}>
                    Clear filters
                  </Button>
                ) : null
              }
            />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <SortableHead column="name" label="Name" sort={sort} direction={direction} onSort={onSort} className="pl-4" />
                  <SortableHead column="email" label="E-mail" sort={sort} direction={direction} onSort={onSort} className="hidden xl:table-cell" />
                  <SortableHead column="role" label="Role" sort={sort} direction={direction} onSort={onSort} />
                  <TableHead>Status</TableHead>
                  <TableHead className="hidden sm:table-cell">2FA</TableHead>
                  <SortableHead
                    column="lastLoginAt"
                    label="Last sign-in"
                    sort={sort}
                    direction={direction}
                    onSort={onSort}
                    defaultDirection="desc"
                    className="hidden lg:table-cell"
                  />
                  {canUpdate ? (
                    <TableHead className="w-12 pr-4">
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((user) => {
                  const isSelf = user.id === viewerId;
                  return (
                    <TableRow key={user.id}>
                      <TableCell className="pl-4">
                        <div className="flex items-center gap-2 font-medium whitespace-nowrap">
                          {user.name}
                          {isSelf ? <Badge variant="secondary">You</Badge> : null}
                        </div>
                        <div className="text-xs text-muted-foreground xl:hidden">{user.email}</div>
                      </TableCell>
                      <TableCell className="hidden text-muted-foreground xl:table-cell">{user.email}</TableCell>
                      <TableCell>{roleLabel(user.role)}</TableCell>
                      <TableCell>
                        {user.status === "ACTIVE" ? <Badge variant="success">Active</Badge> : <Badge variant="destructive">Disabled</Badge>}
                      </TableCell>
                      <TableCell className="hidden sm:table-cell">
                        {user.totpEnabledAt ? (
                          <Badge variant="success" title="Two-factor authentication is on">
                            <ShieldCheck aria-hidden />
                            On
                          </Badge>
                        ) : (
                          <Badge variant="outline" className="text-muted-foreground" title="Two-factor authentication is off">
                            Off
                          </Badge>
                        )}
                      </TableCell>
                      <TableCell className="hidden whitespace-nowrap text-muted-foreground lg:table-cell">
                        {formatDateTime(user.lastLoginAt, timeZone, "Never")}
                      </TableCell>
                      {canUpdate ? (
                        <TableCell className="pr-4 text-right">
                          <DropdownMenu>
                            <DropdownMenuTrigger asChild>
                              <Button variant="ghost" size="icon" aria-label={`Actions for ${user.name}`}>
                                <Ellipsis aria-hidden />
                              </Button>
                            </DropdownMenuTrigger>
                            <DropdownMenuContent className="w-52">
                              <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">
                                {isSelf ? "Your account" : user.email}
                              </DropdownMenuLabel>
                              <DropdownMenuSeparator />
                              <DropdownMenuItem onSelect={() => setRoleTarget(user)}>
                                <UserCog aria-hidden />
                                Change role…
                              </DropdownMenuItem>
                              {user.status === "ACTIVE" ? (
                                <DropdownMenuItem
                                  variant="destructive"
                                  onSelect={() => {
                                    setStatusError(null);
                                    setDisableTarget(user);
                                  }}
                                >
                                  <UserRoundX aria-hidden />
                                  Disable account…
                                </DropdownMenuItem>
                              ) : (
                                <DropdownMenuItem
                                  disabled={setStatus.isPending}
                                  onSelect={() => setStatus.mutate({ userId: user.id, status: "ACTIVE" })}
                                >
                                  <UserRoundCheck aria-hidden />
                                  Enable account
                                </DropdownMenuItem>
                              )}
                            </DropdownMenuContent>
                          </DropdownMenu>
                        </TableCell>
                      ) : null}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}

        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 user" : `Showing ${first}–${last} of ${data.total} users`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? (
              <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} />
            ) : null}
          </div>
        ) : null}
      </Card>

      {canInvite ? <InvitationsCard timeZone={timeZone} roleLabel={roleLabel} /> : null}

      <ChangeRoleDialog
        user={roleTarget}
        isSelf={roleTarget?.id === viewerId}
        roles={roles}
        onOpenChange={(open) => (!open ? setRoleTarget(null) : undefined)}
      />
      <ConfirmDialog
        open={!!disableTarget}
        onOpenChange={(open) => (!open ? setDisableTarget(null) : undefined)}
        title={disableTarget ? `Disable ${disableTarget.name}'s account?` : "Disable account?"}
        description="They will be signed out on every device and cannot sign in until you enable the account again. Nothing is deleted."
        confirmLabel="Disable account"
        pendingLabel="Disabling…"
        destructive
        pending={setStatus.isPending}
        error={statusError}
        onConfirm={() => disableTarget && setStatus.mutate({ userId: disableTarget.id, status: "DISABLED" })}
      />
    </>
  );
}

function UsersSkeleton() {
  return (
    <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading users">
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="hidden h-4 w-56 xl:block" />
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-5 w-14" />
        </div>
      ))}
    </div>
  );
}
