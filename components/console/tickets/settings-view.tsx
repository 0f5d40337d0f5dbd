"use client";

import * as React from "react";
import Link from "next/link";
import { type InvalidateQueryFilters, useMutation, useQuery } from "@tanstack/react-query";
import { ArrowLeft, Archive, ArchiveRestore, MessageSquareText, Pencil, Plus, Tags } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import {
  CANNED_PLACEHOLDERS,
  CATEGORY_GROUPS,
  cannedResponseSchema,
  categorySchema,
  GROUP_LABELS,
} from "@/server/modules/tickets/schema";
import { checkWith } from "../check-with";
import { formErrorOf, QueryError } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { useToastAction } from "../use-toast-action";
import type { RouterOutputs } from "../types";

type Category = RouterOutputs["tickets"]["categories"]["list"]["categories"][number];
type Canned = RouterOutputs["tickets"]["canned"]["list"][number];

/** Ticket categories (what customers and routing choose from) and canned responses (answers to insert). */
export function TicketSettingsView({ canCategories, canCanned }: { canCategories: boolean; canCanned: boolean }) {
  return (
    <>
      <Link
        href="/tickets"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Tickets
      </Link>
      <PageHeader
        title="Categories & canned responses"
        description="What tickets can be about, and the answers your team inserts in the reply box."
      />
      <div className="grid gap-6">
        {canCategories ? <CategoriesCard /> : null}
        {canCanned ? <CannedCard /> : null}
      </div>
    </>
  );
}

/** A row's edit and archive (or restore) buttons; archiving says what it did, or why it could not. */
function EditArchiveButtons({
  name,
  archived,
  onEdit,
  setArchived,
  refresh,
}: {
  name: string;
  archived: boolean;
  onEdit: () => void;
  setArchived: (archived: boolean) => Promise<unknown>;
  /** The list the row is in. */
  refresh: InvalidateQueryFilters;
}) {
  const act = useToastAction(refresh);
  const toggle = () =>
    act(async () => {
      await setArchived(!archived);
      return archived ? `${name} restored` : `${name} archived`;
    }, "Not changed");
  return (
    <>
      <Button variant="ghost" size="sm" onClick={onEdit} aria-label={`Edit ${name}`}>
        <Pencil aria-hidden />
      </Button>
      <Button
        variant="ghost"
        size="sm"
        aria-label={archived ? `Restore ${name}` : `Archive ${name}`}
        onClick={() => void toggle()}
      >
        {archived ? <ArchiveRestore aria-hidden /> : <Archive aria-hidden />}
      </Button>
    </>
  );
}

function CategoriesCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.tickets.categories.list.queryOptions({ includeArchived: true }));
  const archive = useMutation(trpc.tickets.categories.setArchived.mutationOptions());
  const [editing, setEditing] = React.useState<Category | "new" | null>(null);

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Ticket categories</CardTitle>
          <CardDescription>
            A category may need a skill: routing then sends its tickets to technicians who have it. Field-work
            categories prefer technicians covering the customer&apos;s area.
          </CardDescription>
        </div>
        <Button onClick={() => setEditing("new")}>
          <Plus aria-hidden />
          New category
        </Button>
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError error={query.error} title="Could not load the categories" onRetry={() => query.refetch()} />
        ) : null}
        {!query.data && !query.isError ? <Skeleton className="h-32 w-full" /> : null}
        {query.data && query.data.categories.length === 0 ? (
          <EmptyState icon={<Tags />} title="No categories" description="Add one so customers can open tickets." />
        ) : null}
        {query.data?.categories.length ? (
          <ul className="divide-y rounded-md border" aria-label="Ticket categories">
            {query.data.categories.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
                <span className="min-w-0 flex-1">
                  <span className="font-medium">{c.name}</span>{" "}
                  <span className="text-muted-foreground">· {c.groupLabel}</span>
                  <span className="ml-2 inline-flex flex-wrap gap-1 align-middle">
                    {c.skill ? <Badge variant="outline">Needs {c.skill.name}</Badge> : null}
                    {c.fieldWork ? <Badge variant="secondary">Field work</Badge> : null}
                    {c.archived ? <Badge variant="outline">Archived</Badge> : null}
                  </span>
                </span>
                <span className="text-xs text-muted-foreground">
                  {c.tickets === 1 ? "1 ticket" : `${c.tickets} tickets`}
                </span>
                <EditArchiveButtons
                  name={c.name}
                  archived={c.archived}
                  onEdit={() => setEditing(c)}
                  setArchived={(archived) => archive.mutateAsync({ id: c.id, archived })}
                  refresh={trpc.tickets.categories.pathFilter()}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
      <CategoryDialog category={editing} skills={query.data?.skills ?? []} onClose={() => setEditing(null)} />
    </Card>
  );
}

function CategoryDialog({
  category,
  skills,
  onClose,
}: {
  category: Category | "new" | null;
  skills: { id: string; name: string }[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const create = useMutation(trpc.tickets.categories.create.mutationOptions());
  const update = useMutation(trpc.tickets.categories.update.mutationOptions());
  const existing = category && category !== "new" ? category : null;
  const form = useDialogForm(
    category,
    () =>
      existing
        ? {
            group: existing.group,
            name: existing.name,
            fieldWork: existing.fieldWork,
            skillId: existing.skill?.id ?? "",
          }
        : { group: "TECHNICAL" as (typeof CATEGORY_GROUPS)[number], name: "", fieldWork: false, skillId: "" },
    { resolver: checkWith(categorySchema) },
  );
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (v) => (existing ? update.mutateAsync({ ...v, id: existing.id }) : create.mutateAsync(v)),
    refresh: trpc.tickets.categories.pathFilter(),
    saved: (v) => `${v.name} saved`,
    done: onClose,
  });

  return (
    <FormDialog
      open={!!category}
      onOpenChange={(open) => !open && onClose()}
      title={existing ? `Edit ${existing.name}` : "New category"}
      description="Customers choose the category when they open a ticket in the portal."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel="Save category"
      cancelWhilePending
    >
      <FormField label="Group" error={errors.group?.message}>
        <NativeSelect {...form.register("group")}>
          {CATEGORY_GROUPS.map((g) => (
            <option key={g} value={g}>
              {GROUP_LABELS[g]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Name" required error={errors.name?.message}>
        <Input {...form.register("name")} placeholder="e.g. Wi-Fi coverage" />
      </FormField>
      <FormField
        label="Skill needed"
        error={errors.skillId?.message}
        description={
          skills.length
            ? "Routing sends these tickets to technicians with this skill."
            : "Add skills under Team to route by skill."
        }
      >
        <NativeSelect {...form.register("skillId")}>
          <option value="">No particular skill</option>
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("fieldWork")} />
        Usually needs a site visit (route by the customer&apos;s area)
      </label>
    </FormDialog>
  );
}

function CannedCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.tickets.canned.list.queryOptions({ includeArchived: true }));
  const archive = useMutation(trpc.tickets.canned.setArchived.mutationOptions());
  const [editing, setEditing] = React.useState<Canned | "new" | null>(null);

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Canned responses</CardTitle>
          <CardDescription>
            Answers your team inserts in the reply box. {CANNED_PLACEHOLDERS.join(", ")} are filled in with the
            customer&apos;s name, the ticket number, the agent&apos;s name and your company&apos;s name.
          </CardDescription>
        </div>
        <Button onClick={() => setEditing("new")}>
          <Plus aria-hidden />
          New response
        </Button>
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError error={query.error} title="Could not load the canned responses" onRetry={() => query.refetch()} />
        ) : null}
        {!query.data && !query.isError ? <Skeleton className="h-32 w-full" /> : null}
        {query.data && query.data.length === 0 ? (
          <EmptyState
            icon={<MessageSquareText />}
            title="No canned responses yet"
            description="Write the answers you give most often (restart the router, payment received, technician on the way) once, and insert them in a click."
            action={<Button onClick={() => setEditing("new")}>Write the first one</Button>}
          />
        ) : null}
        {query.data?.length ? (
          <ul className="divide-y rounded-md border" aria-label="Canned responses">
            {query.data.map((r) => (
              <li key={r.id} className="flex items-start gap-3 px-3 py-2 text-sm">
                <span className="min-w-0 flex-1">
                  <span className="font-medium">{r.title}</span>
                  {r.category ? <span className="text-muted-foreground"> · {r.category.name}</span> : null}
                  {r.archived ? (
                    <Badge variant="outline" className="ml-2">
                      Archived
                    </Badge>
                  ) : null}
                  <span className="mt-0.5 line-clamp-2 block text-muted-foreground">{r.body}</span>
                </span>
                <EditArchiveButtons
                  name={r.title}
                  archived={r.archived}
                  onEdit={() => setEditing(r)}
                  setArchived={(archived) => archive.mutateAsync({ id: r.id, archived })}
                  refresh={trpc.tickets.canned.pathFilter()}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
      <CannedDialog response={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function CannedDialog({ response, onClose }: { response: Canned | "new" | null; onClose: () => void }) {
  const trpc = useTRPC();
  const categories = useQuery({ ...trpc.tickets.categories.list.queryOptions({}), enabled: !!response });
  const create = useMutation(trpc.tickets.canned.create.mutationOptions());
  const update = useMutation(trpc.tickets.canned.update.mutationOptions());
  const existing = response && response !== "new" ? response : null;
  const form = useDialogForm(
    response,
    () =>
      existing
        ? { title: existing.title, body: existing.body, categoryId: existing.category?.id ?? "" }
        : { title: "", body: "Hello {customer},\n\n\n\nRegards,\n{agent}\n{company}", categoryId: "" },
    { resolver: checkWith(cannedResponseSchema) },
  );
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (v) => (existing ? update.mutateAsync({ ...v, id: existing.id }) : create.mutateAsync(v)),
    refresh: trpc.tickets.canned.pathFilter(),
    saved: (v) => `${v.title} saved`,
    done: onClose,
  });

  return (
    <FormDialog
      open={!!response}
      onOpenChange={(open) => !open && onClose()}
      className="max-w-xl"
      title={existing ? `Edit ${existing.title}` : "New canned response"}
      description={<>Placeholders: {CANNED_PLACEHOLDERS.join(", ")}.</>}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel="Save response"
      cancelWhilePending
    >
      <FormField label="Title" required error={errors.title?.message}>
        <Input {...form.register("title")} placeholder="e.g. Restart the router" />
      </FormField>
      <FormField label="Response" required error={errors.body?.message}>
        <Textarea rows={8} {...form.register("body")} />
      </FormField>
      <FormField
        label="Category"
        error={errors.categoryId?.message}
        description="Optional: for which kind of ticket it is meant."
      >
        <NativeSelect {...form.register("categoryId")} value={form.watch("categoryId")}>
          <option value="">Any</option>
          {(categories.data?.categories ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}
