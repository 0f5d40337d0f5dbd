"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Award,
  CalendarDays,
  GraduationCap,
  MapPin,
  Pencil,
  Phone,
  Plus,
  Trash2,
  UserRound,
  Wrench,
} from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { daysUntil, SKILL_LEVEL_LABELS } from "@/server/modules/staff/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DetailPage } from "../detail-page";
import { errorMessage } from "../errors";
import { AvailabilityBadge, ExpiryBadge, LoadMeter, ShiftBadge } from "./badges";
import {
  CertificationDialog,
  ProfileFormDialog,
  StaffSkillDialog,
  TrainingDialog,
  type CertificationRow,
} from "./profile-dialogs";
import type { StaffDetail } from "./types";

export type StaffProfileViewProps = {
  /** A staff member's id, or "me" for the signed-in person's own profile. */
  userId: string | "me";
  canManage: boolean;
  /** May open the team list and the shift planner. */
  canReadTeam: boolean;
};

/** "2026-05-04" → "4 May 2026" (calendar dates have no zone). */
const formatDay = (date: string | null) =>
  date
    ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`))
    : "—";

export function StaffProfileView({ userId, canManage, canReadTeam }: StaffProfileViewProps) {
  const trpc = useTRPC();
  const own = useQuery({ ...trpc.staff.me.queryOptions(), enabled: userId === "me" });
  const other = useQuery({
    ...trpc.staff.get.queryOptions({ userId: userId === "me" ? "" : userId }),
    enabled: userId !== "me",
  });
  const query = userId === "me" ? own : other;

  return (
    <DetailPage
      query={query}
      what="profile"
      back={canReadTeam ? { href: "/team", label: "Team" } : null}
      skeleton={
        <>
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-40 w-full" />
        </>
      }
    >
      {(d) => <Profile d={d} canManage={canManage} canReadTeam={canReadTeam} self={userId === "me"} />}
    </DetailPage>
  );
}

function Profile({
  d,
  canManage,
  canReadTeam,
  self,
}: {
  d: StaffDetail;
  canManage: boolean;
  canReadTeam: boolean;
  self: boolean;
}) {
  const [editing, setEditing] = React.useState(false);
  const p = d.profile;
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {self ? "My profile" : d.user.name}
            <AvailabilityBadge availability={p?.availability ?? null} />
            {d.user.status === "DISABLED" ? <Badge variant="destructive">Account disabled</Badge> : null}
          </span>
        }
        description={`${self ? `${d.user.name} · ` : ""}${p?.title ?? ROLE_LABELS[d.user.role]} · ${d.user.email}`}
        actions={
          canManage ? (
            <Button variant={p ? "outline" : "default"} onClick={() => setEditing(true)}>
              <Pencil aria-hidden />
              {p ? "Edit profile" : "Set up profile"}
            </Button>
          ) : null
        }
      />
      {!p ? (
        <Alert className="mb-4">
          <UserRound aria-hidden />
          <AlertTitle>No staff profile yet</AlertTitle>
          <AlertDescription>
            {self
              ? "Ask your manager to set up your profile: until then no tickets are routed to you."
              : `Routing skips ${d.user.name} until they have a profile with availability, coverage areas and an open-ticket limit.`}
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader>
            <CardTitle>At work</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 text-sm">
            <Fact label="Open tickets">
              <LoadMeter open={d.openTickets} max={p?.maxOpenTickets ?? null} />
            </Fact>
            <Fact label="Now">
              <ShiftBadge onShift={d.onShift} onCall={d.onCall} />
            </Fact>
            <Fact label="Coverage areas" icon={<MapPin aria-hidden className="size-4" />}>
              {p?.areas.length ? (
                <div className="flex flex-wrap gap-1">
                  {p.areas.map((a) => (
                    <Badge key={a} variant="outline">
                      {a}
                    </Badge>
                  ))}
                </div>
              ) : (
                <span className="text-muted-foreground">None</span>
              )}
            </Fact>
            <Fact label="Phone" icon={<Phone aria-hidden className="size-4" />}>
              {p?.phone ? (
                <a href={`tel:${p.phone.replace(/[^+\d]/g, "")}`} className="hover:underline">
                  {p.phone}
                </a>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </Fact>
            <Fact label="Team lead">
              {p?.teamLead ? (
                canReadTeam ? (
                  <Link href={`/team/${p.teamLead.id}`} className="hover:underline">
                    {p.teamLead.name}
                  </Link>
                ) : (
                  p.teamLead.name
                )
              ) : (
                <span className="text-muted-foreground">None</span>
              )}
            </Fact>
            {d.teamMembers.length ? (
              <Fact label="Leads">
                <ul className="grid gap-0.5">
                  {d.teamMembers.map((m) => (
                    <li key={m.id}>
                      {canReadTeam ? (
                        <Link href={`/team/${m.id}`} className="hover:underline">
                          {m.name}
                        </Link>
                      ) : (
                        m.name
                      )}
                    </li>
                  ))}
                </ul>
              </Fact>
            ) : null}
          </CardContent>
        </Card>

        <SkillsCard d={d} canManage={canManage} />
      </div>

      <div className="mt-4 grid gap-4">
        <CertificatesCard d={d} canManage={canManage} />
        <div className="grid gap-4 lg:grid-cols-2">
          <TrainingCard d={d} canManage={canManage} />
          <ShiftsCard d={d} canReadTeam={canReadTeam} />
        </div>
      </div>

      {canManage ? <ProfileFormDialog open={editing} onOpenChange={setEditing} detail={d} /> : null}
    </>
  );
}

function Fact({ label, icon, children }: { label: string; icon?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <div className="flex items-center gap-1.5 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        {icon}
        {label}
      </div>
      <div>{children}</div>
    </div>
  );
}

/** A delete button with its confirmation, for one row of a card. */
function useRemove<I>(mutation: { mutateAsync: (input: I) => Promise<unknown>; isPending: boolean }, done: string) {
  const toast = useToast();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = React.useState<{ input: I; title: string; description: string } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const dialog = (
    <ConfirmDialog
      open={!!target}
      onOpenChange={(o) => (o ? undefined : setTarget(null))}
      title={target?.title ?? ""}
      description={target?.description}
      confirmLabel="Remove"
      pendingLabel="Removing"
      destructive
      pending={mutation.isPending}
      error={error}
      onConfirm={async () => {
        if (!target) return;
        setError(null);
        try {
          await mutation.mutateAsync(target.input);
          toast({ variant: "success", title: done });
          await queryClient.invalidateQueries(trpc.staff.pathFilter());
          setTarget(null);
        } catch (err) {
          setError(errorMessage(err));
        }
      }}
    />
  );
  return {
    ask: (input: I, title: string, description: string) => (setError(null), setTarget({ input, title, description })),
    dialog,
  };
}

function SkillsCard({ d, canManage }: { d: StaffDetail; canManage: boolean }) {
  const trpc = useTRPC();
  const [dialog, setDialog] = React.useState<{ open: boolean; editing: StaffDetail["skills"][number] | null }>({
    open: false,
    editing: null,
  });
  const remove = useRemove(useMutation(trpc.staff.removeSkill.mutationOptions()), "Skill removed");
  return (
    <Card className="lg:col-span-2">
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle className="flex items-center gap-2">
            <Wrench aria-hidden className="size-4" />
            Skills
          </CardTitle>
          <CardDescription>
            Levels 1 (basic) to 5 (expert). Routing matches them with ticket categories.
          </CardDescription>
        </div>
        {canManage ? (
          <Button size="sm" variant="outline" onClick={() => setDialog({ open: true, editing: null })}>
            <Plus aria-hidden />
            Add skill
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {d.skills.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {canManage
              ? "No skills yet: add what this person can do, so matching tickets reach them."
              : "No skills recorded yet."}
          </p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2">
            {d.skills.map((s) => (
              <li key={s.skillId} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2">
                <div className="min-w-0">
                  <div className="truncate font-medium">{s.name}</div>
                  <LevelDots level={s.level} />
                </div>
                {canManage ? (
                  <div className="flex shrink-0 gap-1">
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Change ${s.name} level`}
                      onClick={() => setDialog({ open: true, editing: s })}
                    >
                      <Pencil aria-hidden />
                    </Button>
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Remove ${s.name}`}
                      onClick={() =>
                        remove.ask(
                          { userId: d.user.id, skillId: s.skillId },
                          `Remove ${s.name}?`,
                          `${d.user.name} will no longer get tickets that need ${s.name}.`,
                        )
                      }
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {canManage ? (
        <StaffSkillDialog
          open={dialog.open}
          onOpenChange={(open) => setDialog((x) => ({ ...x, open }))}
          detail={d}
          editing={dialog.editing}
        />
      ) : null}
      {remove.dialog}
    </Card>
  );
}

function LevelDots({ level }: { level: number }) {
  return (
    <div className="mt-1 flex items-center gap-1" title={SKILL_LEVEL_LABELS[level]}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} aria-hidden className={cn("size-2 rounded-full", i <= level ? "bg-primary" : "bg-muted")} />
      ))}
      <span className="ml-1 text-xs text-muted-foreground">{SKILL_LEVEL_LABELS[level]}</span>
    </div>
  );
}

function CertificatesCard({ d, canManage }: { d: StaffDetail; canManage: boolean }) {
  const trpc = useTRPC();
  const [dialog, setDialog] = React.useState<{ open: boolean; editing: CertificationRow | null }>({
    open: false,
    editing: null,
  });
  const remove = useRemove(useMutation(trpc.staff.deleteCertification.mutationOptions()), "Certificate removed");
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle className="flex items-center gap-2">
            <Award aria-hidden className="size-4" />
            Certificates
          </CardTitle>
          <CardDescription>
            Expired and soon-expiring (within 30 days) certificates are highlighted; reminders go out 30 and 7 days
            ahead.
          </CardDescription>
        </div>
        {canManage ? (
          <Button size="sm" variant="outline" onClick={() => setDialog({ open: true, editing: null })}>
            <Plus aria-hidden />
            Add certificate
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="px-0 pb-2">
        {d.certifications.length === 0 ? (
          <p className="px-6 pb-4 text-sm text-muted-foreground">No certificates recorded.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-6">Certificate</TableHead>
                <TableHead className="hidden md:table-cell">Issued</TableHead>
                <TableHead>Expires</TableHead>
                {canManage ? (
                  <TableHead className="pr-6">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {d.certifications.map((c) => (
                <TableRow
                  key={c.id}
                  className={cn(
                    c.state === "expired" && "bg-destructive/5 hover:bg-destructive/10",
                    c.state === "expiring" && "bg-amber-50 hover:bg-amber-100/70",
                  )}
                >
                  <TableCell className="pl-6">
                    <div className="font-medium">{c.name}</div>
                    <div className="text-xs text-muted-foreground">
                      {[c.issuer, c.number && `No. ${c.number}`].filter(Boolean).join(" · ") || "—"}
                    </div>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                    {formatDay(c.issuedOn)}
                  </TableCell>
                  <TableCell>
                    <div className="grid gap-1">
                      <span className="whitespace-nowrap">{formatDay(c.expiresOn)}</span>
                      <ExpiryBadge state={c.state} days={c.expiresOn ? daysUntil(c.expiresOn, d.today) : undefined} />
                    </div>
                  </TableCell>
                  {canManage ? (
                    <TableCell className="pr-6 text-right whitespace-nowrap">
                      <Button
                        size="icon"
                        variant="ghost"
                        aria-label={`Edit ${c.name}`}
                        onClick={() => setDialog({ open: true, editing: c })}
                      >
                        <Pencil aria-hidden />
                      </Button>
                      <Button
                        size="icon"
                        variant="ghost"
                        aria-label={`Remove ${c.name}`}
                        onClick={() =>
                          remove.ask(
                            { id: c.id },
                            `Remove ${c.name}?`,
                            "The certificate and its reminders are removed from this profile.",
                          )
                        }
                      >
                        <Trash2 aria-hidden />
                      </Button>
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {canManage ? (
        <CertificationDialog
          open={dialog.open}
          onOpenChange={(open) => setDialog((x) => ({ ...x, open }))}
          detail={d}
          editing={dialog.editing}
        />
      ) : null}
      {remove.dialog}
    </Card>
  );
}

function TrainingCard({ d, canManage }: { d: StaffDetail; canManage: boolean }) {
  const trpc = useTRPC();
  const [open, setOpen] = React.useState(false);
  const remove = useRemove(useMutation(trpc.staff.deleteTraining.mutationOptions()), "Training record removed");
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <CardTitle className="flex items-center gap-2">
          <GraduationCap aria-hidden className="size-4" />
          Training
        </CardTitle>
        {canManage ? (
          <Button size="sm" variant="outline" onClick={() => setOpen(true)}>
            <Plus aria-hidden />
            Record training
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {d.training.length === 0 ? (
          <p className="text-sm text-muted-foreground">No training recorded.</p>
        ) : (
          <ul className="divide-y">
            {d.training.map((t) => (
              <li key={t.id} className="flex items-start justify-between gap-3 py-2 first:pt-0">
                <div className="min-w-0 text-sm">
                  <div className="font-medium">{t.course}</div>
                  <div className="text-muted-foreground">
                    {[t.provider, formatDay(t.completedOn), t.hours !== null ? `${t.hours} h` : null]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                  {t.notes ? <p className="mt-1 text-muted-foreground">{t.notes}</p> : null}
                </div>
                {canManage ? (
                  <Button
                    size="icon"
                    variant="ghost"
                    aria-label={`Remove ${t.course}`}
                    onClick={() =>
                      remove.ask(
                        { id: t.id },
                        `Remove ${t.course}?`,
                        "The training record is removed from this profile.",
                      )
                    }
                  >
                    <Trash2 aria-hidden />
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {canManage ? <TrainingDialog open={open} onOpenChange={setOpen} detail={d} /> : null}
      {remove.dialog}
    </Card>
  );
}

function ShiftsCard({ d, canReadTeam }: { d: StaffDetail; canReadTeam: boolean }) {
  const day = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: d.timeZone,
  });
  const time = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: d.timeZone,
  });
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <CardTitle className="flex items-center gap-2">
          <CalendarDays aria-hidden className="size-4" />
          Upcoming shifts
        </CardTitle>
        {canReadTeam ? (
          <Button size="sm" variant="outline" asChild>
            <Link href="/team/shifts">Shift planner</Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {d.upcomingShifts.length === 0 ? (
          <p className="text-sm text-muted-foreground">No shifts planned.</p>
        ) : (
          <ul className="divide-y text-sm">
            {d.upcomingShifts.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-3 py-2 first:pt-0">
                <div>
                  <div className="font-medium">{day.format(new Date(s.startsAt))}</div>
                  <div className="text-muted-foreground">
                    {time.format(new Date(s.startsAt))}–{time.format(new Date(s.endsAt))}
                    {s.note ? ` · ${s.note}` : ""}
                  </div>
                </div>
                {s.onCall ? <Badge>On call</Badge> : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
