"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ellipsis, ShieldCheck, UserCog, UserRoundCheck, UserRoundX, Users } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { ConfirmDialog } from "../confirm-dialog";
import { DataList, FilterSelect, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage } from "../errors";
import { formatDateTime } from "../format";
import type { Role, RoleOption, UserRow } from "../types";
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
  const list = useListUrl(["q", "role"]);
  const role = list.oneOf(
    "role",
    roles.map((r) => r.value),
  );
  const sorting = list.sorting(SORTS, { fallback: "name", descending: ["createdAt", "lastLoginAt"] });
  const roleLabel = (r: Role) => roles.find((o) => o.value === r)?.label ?? r;

  const query = useQuery(
    trpc.users.list.queryOptions(
      {
        page: list.page,
        pageSize: PAGE_SIZE,
        search: list.search || undefined,
        role,
        sort: sorting.sort,
        direction: sorting.direction,
      },
      { placeholderData: keepPreviousData },
    ),
  );

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
          title:
            user.status === "DISABLED" ? `${user.name}'s account is disabled` : `${user.name}'s account is enabled`,
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

  const columns: Columns<UserRow, Sort> = [
    {
      label: "Name",
      sort: "name",
      cell: (user) => (
        <>
          <div className="flex items-center gap-2 font-medium whitespace-nowrap">
            {user.name}
            {user.id === viewerId ? <Badge variant="secondary">You</Badge> : null}
          </div>
          <div className="text-xs text-muted-foreground xl:hidden">{user.email}</div>
        </>
      ),
    },
    {
      label: "E-mail",
      sort: "email",
      className: "hidden xl:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (user) => user.email,
    },
    { label: "Role", sort: "role", cell: (user) => roleLabel(user.role) },
    {
      label: "Status",
      cell: (user) =>
        user.status === "ACTIVE" ? (
          <Badge variant="success">Active</Badge>
        ) : (
          <Badge variant="destructive">Disabled</Badge>
        ),
    },
    {
      label: "2FA",
      className: "hidden sm:table-cell",
      cell: (user) =>
        user.totpEnabledAt ? (
          <Badge variant="success" title="Two-factor authentication is on">
            <ShieldCheck aria-hidden />
            On
          </Badge>
        ) : (
          <Badge variant="outline" className="text-muted-foreground" title="Two-factor authentication is off">
            Off
          </Badge>
        ),
    },
    {
      label: "Last sign-in",
      sort: "lastLoginAt",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (user) => formatDateTime(user.lastLoginAt, timeZone, "Never"),
    },
    canUpdate && {
      label: "Actions",
      hideLabel: true,
      className: "w-12",
      cellClassName: "text-right",
      cell: (user) => (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="ghost" size="icon" aria-label={`Actions for ${user.name}`}>
              <Ellipsis aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent className="w-52">
            <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">
              {user.id === viewerId ? "Your account" : user.email}
            </DropdownMenuLabel>
            <DropdownMenuSeparator />
            {user.role !== "CUSTOMER" ? (
              <DropdownMenuItem onSelect={() => setRoleTarget(user)}>
                <UserCog aria-hidden />
                Change role…
              </DropdownMenuItem>
            ) : null}
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
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Users"
        description={`Everyone with an account at your company: staff and customers. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
        actions={canInvite ? <InviteDialog roles={roles} canReadOutbox={canReadOutbox} /> : null}
      />

      <DataList
        query={query}
        data={query.data}
        noun={["user", "users"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="users-search"
              label="Search users"
              placeholder="Name or e-mail"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="users-role"
              label="Show"
              allLabel="All roles"
              value={role}
              onChange={(v) => list.setFilter({ role: v })}
              options={roles}
              className="sm:w-60"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(user) => user.id}
        sort={sorting}
        skeleton={{ bars: ["h-4 w-40", "hidden h-4 w-56 xl:block", "h-4 w-28", "h-5 w-14"] }}
        empty={{
          icon: <Users />,
          title: "No users yet",
          description: canInvite
            ? "Invite your colleagues to give them access to the console."
            : "Ask a Super Admin to invite your colleagues.",
        }}
        noMatch={
          list.filtered && {
            title: "No users match your filters",
            description: "Try another name or e-mail, or show all roles.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />

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
