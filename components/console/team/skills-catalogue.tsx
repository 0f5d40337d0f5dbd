"use client";

import * as React from "react";
import Link from "next/link";
import type { Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Pencil, Plus, Tags, Trash2, Wrench } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { createSkillSchema, setSkillCategoriesSchema } from "@/server/modules/staff/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DataTable, ListBody, type Columns } from "../data-list";
import { checkWith } from "../check-with";
import { applyServerErrors, errorMessage, FormError, formErrorOf, setFormError } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";
import type { SkillRow } from "./types";

/** The company's skill catalogue: what staff can be good at, and which ticket categories need what. */
export function SkillsCatalogue({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.staff.skills.queryOptions());
  const [naming, setNaming] = React.useState<{ open: boolean; skill: SkillRow | null }>({ open: false, skill: null });
  const [linking, setLinking] = React.useState<SkillRow | null>(null);
  const [deleting, setDeleting] = React.useState<SkillRow | null>(null);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);
  const remove = useMutation(trpc.staff.deleteSkill.mutationOptions());

  const columns: Columns<SkillRow> = [
    { label: "Skill", cellClassName: "font-medium", cell: (s) => s.name },
    {
      label: "People",
      cellClassName: "whitespace-nowrap",
      cell: (s) =>
        s.people === 0 ? (
          <span className="text-muted-foreground">Nobody yet</span>
        ) : (
          `${s.people} ${s.people === 1 ? "person" : "people"}`
        ),
    },
    {
      label: "Needed by ticket categories",
      className: "hidden md:table-cell",
      cell: (s) =>
        s.categories.length ? (
          <div className="flex flex-wrap gap-1">
            {s.categories.map((c) => (
              <Badge key={c.id} variant="outline">
                {c.name}
              </Badge>
            ))}
          </div>
        ) : (
          <span className="text-sm text-muted-foreground">None</span>
        ),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cellClassName: "whitespace-nowrap",
      cell: (s) => (
        <>
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Ticket categories needing ${s.name}`}
            title="Ticket categories"
            onClick={() => setLinking(s)}
          >
            <Tags aria-hidden />
          </Button>
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Rename ${s.name}`}
            title="Rename"
            onClick={() => setNaming({ open: true, skill: s })}
          >
            <Pencil aria-hidden />
          </Button>
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Delete ${s.name}`}
            title="Delete"
            onClick={() => {
              setDeleteError(null);
              setDeleting(s);
            }}
          >
            <Trash2 aria-hidden />
          </Button>
        </>
      ),
    },
  ];

  return (
    <>
      <Link
        href="/team"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Team
      </Link>
      <PageHeader
        title="Skills"
        description="What your staff can be good at. A ticket category that needs a skill is routed to people who have it, preferring higher levels."
        actions={
          canManage ? (
            <Button onClick={() => setNaming({ open: true, skill: null })}>
              <Plus aria-hidden />
              New skill
            </Button>
          ) : null
        }
      />
      <Card className="overflow-hidden">
        <ListBody
          query={query}
          rows={query.data}
          errorTitle="Could not load the skills"
          skeleton={{ label: "Loading skills", rows: 4 }}
          empty={
            <EmptyState
              icon={<Wrench />}
              title="No skills yet"
              description={
                canManage
                  ? "Add the skills your work needs, such as Fibre splicing, Wireless CPE or PPPoE troubleshooting, then give them to people on their profiles."
                  : "Your manager has not added any skills yet."
              }
              action={
                canManage ? (
                  <Button onClick={() => setNaming({ open: true, skill: null })}>
                    <Plus aria-hidden />
                    New skill
                  </Button>
                ) : null
              }
            />
          }
        >
          {(rows) => <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} />}
        </ListBody>
      </Card>

      {canManage ? (
        <>
          <SkillNameDialog
            open={naming.open}
            onOpenChange={(open) => setNaming((x) => ({ ...x, open }))}
            skill={naming.skill}
          />
          <CategoriesDialog skill={linking} onClose={() => setLinking(null)} />
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(o) => (o ? undefined : setDeleting(null))}
            title={`Delete ${deleting?.name ?? "this skill"}?`}
            description={
              deleting
                ? [
                    deleting.people
                      ? `${deleting.people} ${deleting.people === 1 ? "person loses" : "people lose"} it from their profile.`
                      : "Nobody has it yet.",
                    deleting.categories.length
                      ? `${deleting.categories.map((c) => c.name).join(", ")} will no longer need a skill, so their tickets can go to anyone.`
                      : "",
                  ]
                    .filter(Boolean)
                    .join(" ")
                : undefined
            }
            confirmLabel="Delete skill"
            pendingLabel="Deleting"
            destructive
            pending={remove.isPending}
            error={deleteError}
            onConfirm={async () => {
              if (!deleting) return;
              try {
                await remove.mutateAsync({ id: deleting.id });
                toast({ variant: "success", title: `${deleting.name} is deleted` });
                await queryClient.invalidateQueries(trpc.staff.pathFilter());
                setDeleting(null);
              } catch (err) {
                setDeleteError(errorMessage(err));
              }
            }}
          />
        </>
      ) : null}
    </>
  );
}

type NameValues = { name: string };

function SkillNameDialog({
  open,
  onOpenChange,
  skill,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  skill: SkillRow | null;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useDialogForm<NameValues>(open, () => ({ name: skill?.name ?? "" }), {
    resolver: zodResolver(createSkillSchema) as unknown as Resolver<NameValues>,
  });
  const create = useMutation(trpc.staff.createSkill.mutationOptions());
  const rename = useMutation(trpc.staff.renameSkill.mutationOptions());
  const pending = create.isPending || rename.isPending;

  const onSubmit = form.handleSubmit(async ({ name }) => {
    try {
      const saved = skill ? await rename.mutateAsync({ id: skill.id, name }) : await create.mutateAsync({ name });
      toast({ variant: "success", title: skill ? `Renamed to ${saved.name}` : `${saved.name} is in the catalogue` });
      await queryClient.invalidateQueries(trpc.staff.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="sm:max-w-md"
      title={skill ? `Rename ${skill.name}` : "New skill"}
      description={
        skill
          ? "People keep the skill and their level; only its name changes."
          : "Name it the way your team says it, e.g. Fibre splicing."
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={pending}
      submitLabel={skill ? "Rename" : "Add skill"}
    >
      <FormField label="Name" error={form.formState.errors.name?.message} required>
        <Input autoFocus {...form.register("name")} />
      </FormField>
    </FormDialog>
  );
}

const GROUP_LABELS: Record<string, string> = {
  TECHNICAL: "Technical",
  BILLING: "Billing",
  SERVICE_REQUEST: "Service requests",
  COMPLAINT: "Complaints",
  FEEDBACK: "Feedback",
};

function CategoriesDialog({ skill, onClose }: { skill: SkillRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const categories = useQuery({ ...trpc.staff.categoryOptions.queryOptions(), enabled: !!skill });
  const skills = useQuery({ ...trpc.staff.skills.queryOptions(), enabled: !!skill });
  const save = useMutation(trpc.staff.setSkillCategories.mutationOptions());
  const form = useDialogForm<{ categoryIds: string[] }>(
    skill,
    () => ({ categoryIds: skill?.categories.map((c) => c.id) ?? [] }),
    { resolver: checkWith(setSkillCategoriesSchema, () => ({ skillId: skill?.id })) },
  );
  const chosen = form.watch("categoryIds");
  const onSubmit = form.handleSubmit(async ({ categoryIds }) => {
    if (!skill) return;
    try {
      await save.mutateAsync({ skillId: skill.id, categoryIds });
      toast({ variant: "success", title: `Categories for ${skill.name} are saved` });
      await queryClient.invalidateQueries(trpc.staff.pathFilter());
      onClose();
    } catch (err) {
      setFormError(form, errorMessage(err));
    }
  });
  const skillName = (id: string | null) => skills.data?.find((s) => s.id === id)?.name;

  return (
    <Dialog open={!!skill} onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Ticket categories that need {skill?.name}</DialogTitle>
          <DialogDescription>
            New tickets of these categories go to people with {skill?.name}. A category needs at most one skill:
            choosing one here moves it from its current skill.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          {categories.isPending ? (
            <Spinner label="Loading categories" />
          ) : (categories.data ?? []).length === 0 ? (
            <p className="text-sm text-muted-foreground">There are no ticket categories yet.</p>
          ) : (
            <fieldset className="grid max-h-80 gap-1 overflow-y-auto">
              <legend className="sr-only">Categories</legend>
              {(categories.data ?? []).map((c) => {
                const other = c.skillId && c.skillId !== skill?.id ? skillName(c.skillId) : undefined;
                return (
                  <label
                    key={c.id}
                    className="flex cursor-pointer items-start gap-3 rounded-md px-2 py-1.5 hover:bg-muted"
                  >
                    <input
                      type="checkbox"
                      className="mt-0.5 size-4 accent-primary"
                      checked={chosen.includes(c.id)}
                      onChange={(e) =>
                        form.setValue(
                          "categoryIds",
                          e.target.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id),
                        )
                      }
                    />
                    <span className="text-sm">
                      <span className="font-medium">{c.name}</span>{" "}
                      <span className="text-muted-foreground">· {GROUP_LABELS[c.group] ?? c.group}</span>
                      {c.fieldWork ? (
                        <Badge variant="secondary" className="ml-2">
                          Field work
                        </Badge>
                      ) : null}
                      {other ? <span className="block text-xs text-muted-foreground">Now needs {other}</span> : null}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={save.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={save.isPending || !skill}>
              {save.isPending ? <Spinner className="text-current" label="Saving" /> : null}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
