"use client";

import * as React from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowLeft, ArrowUp, Check, FolderTree, Pencil, Plus, Trash2, X } from "lucide-react";
import { useTRPC, fieldErrors } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { ConfirmDialog } from "../confirm-dialog";
import { saveCategorySchema } from "@/server/modules/kb/schema";
import { checkWith } from "../check-with";
import { useToastAction } from "../use-toast-action";
import { errorMessage, FormError, formErrorOf, QueryError, setFormError } from "../errors";

/** Categories in the order customers see them in the portal's help centre. */
export function KbCategoriesView() {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.kb.categories.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.kb.pathFilter());
  const [editing, setEditing] = React.useState<string | null>(null);
  const [deleting, setDeleting] = React.useState<{ id: string; name: string; articles: number } | null>(null);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);

  const move = useMutation(trpc.kb.moveCategory.mutationOptions());
  // The list's new order is what a move says; only a refusal gets a toast.
  const act = useToastAction(trpc.kb.pathFilter());
  const moveCategory = (id: string, direction: "up" | "down") =>
    act(async () => {
      await move.mutateAsync({ id, direction });
    }, "Could not move it");
  const remove = useMutation(
    trpc.kb.deleteCategory.mutationOptions({
      onSuccess: async (res) => {
        toast({
          variant: "success",
          title: `${deleting?.name} is deleted`,
          description: res.uncategorized
            ? `${res.uncategorized} article${res.uncategorized === 1 ? " is" : "s are"} now without a category.`
            : undefined,
        });
        setDeleting(null);
        await refresh();
      },
      onError: (err) => setDeleteError(errorMessage(err)),
    }),
  );

  const rows = query.data;
  return (
    <>
      <Link
        href="/kb"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Knowledge base
      </Link>
      <PageHeader
        title="Categories"
        description="Group articles; the portal's help centre lists categories in this order."
      />
      <Card className="grid gap-4 p-4">
        <AddCategoryForm onSaved={refresh} />
        {query.isError ? (
          <QueryError title="Could not load the categories" error={query.error} onRetry={() => query.refetch()} />
        ) : null}
        {!rows && !query.isError ? <Skeleton className="h-32 w-full" /> : null}
        {rows && rows.length === 0 ? (
          <EmptyState
            icon={<FolderTree />}
            title="No categories yet"
            description="Add a few, such as Getting connected, Speed and Wi-Fi, Billing."
          />
        ) : null}
        {rows && rows.length > 0 ? (
          <ol className="divide-y rounded-lg border">
            {rows.map((c, i) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                {editing === c.id ? (
                  <RenameCategoryForm
                    category={c}
                    onDone={async () => {
                      setEditing(null);
                      await refresh();
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <span className="flex-1 font-medium">
                      {c.name}{" "}
                      <span className="text-sm font-normal text-muted-foreground">
                        · {c.articles} article{c.articles === 1 ? "" : "s"}
                      </span>
                    </span>
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Move ${c.name} up`}
                      disabled={i === 0 || act.pending}
                      onClick={() => moveCategory(c.id, "up")}
                    >
                      <ArrowUp aria-hidden />
                    </Button>
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Move ${c.name} down`}
                      disabled={i === rows.length - 1 || act.pending}
                      onClick={() => moveCategory(c.id, "down")}
                    >
                      <ArrowDown aria-hidden />
                    </Button>
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Rename ${c.name}`}
                      onClick={() => setEditing(c.id)}
                    >
                      <Pencil aria-hidden />
                    </Button>
                    <Button
                      size="icon"
                      variant="ghost"
                      aria-label={`Delete ${c.name}`}
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(c);
                      }}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ol>
        ) : null}
      </Card>
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => !o && setDeleting(null)}
        title={`Delete the category “${deleting?.name}”?`}
        description={
          deleting?.articles
            ? `Its ${deleting.articles} article${deleting.articles === 1 ? " stays" : "s stay"}, without a category.`
            : "It has no articles."
        }
        confirmLabel="Delete category"
        pendingLabel="Deleting…"
        destructive
        pending={remove.isPending}
        error={deleteError}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </>
  );
}

type NameValues = { name: string };

/** The box above the list: a new category's name. */
function AddCategoryForm({ onSaved }: { onSaved: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.kb.saveCategory.mutationOptions());
  const form = useForm<NameValues>({ resolver: checkWith(saveCategorySchema), defaultValues: { name: "" } });
  const name = form.watch("name");
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      form.reset({ name: "" });
      await onSaved();
    } catch (err) {
      setFormError(form, fieldErrors(err).name ?? errorMessage(err));
    }
  });
  return (
    <>
      <form onSubmit={onSubmit} className="flex flex-col gap-2 sm:flex-row" noValidate>
        <Input
          aria-label="New category"
          placeholder="New category, e.g. Billing and payments"
          {...form.register("name")}
        />
        <Button type="submit" disabled={save.isPending || name.trim().length < 2}>
          <Plus aria-hidden />
          Add category
        </Button>
      </form>
      <FormError message={form.formState.errors.name?.message ?? formErrorOf(form)} />
    </>
  );
}

/** A category's row while it is renamed: its name in a box, save and keep the old name. */
function RenameCategoryForm({
  category,
  onDone,
  onCancel,
}: {
  category: { id: string; name: string };
  onDone: () => Promise<unknown>;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.kb.saveCategory.mutationOptions());
  const form = useForm<NameValues>({
    resolver: checkWith(saveCategorySchema, () => ({ id: category.id })),
    defaultValues: { name: category.name },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync({ id: category.id, name: values.name });
      await onDone();
    } catch (err) {
      setFormError(form, fieldErrors(err).name ?? errorMessage(err));
    }
  });
  const error = form.formState.errors.name?.message ?? formErrorOf(form);
  return (
    <form onSubmit={onSubmit} className="flex flex-1 flex-wrap items-center gap-2" noValidate>
      <Input
        aria-label={`New name for ${category.name}`}
        className="max-w-sm flex-1"
        autoFocus
        {...form.register("name")}
      />
      <Button type="submit" size="icon" aria-label="Save name" disabled={save.isPending}>
        <Check aria-hidden />
      </Button>
      <Button type="button" size="icon" variant="ghost" aria-label="Keep the old name" onClick={onCancel}>
        <X aria-hidden />
      </Button>
      {error ? <p className="w-full text-sm text-destructive">{error}</p> : null}
    </form>
  );
}
