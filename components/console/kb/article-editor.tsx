"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Eye, Pencil, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Markdown } from "@/components/kb/markdown";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import {
  createArticleSchema,
  slugify,
  updateArticleSchema,
  VISIBILITIES,
  VISIBILITY_LABELS,
} from "@/server/modules/kb/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { BackLink, DetailPage } from "../detail-page";
import { applyServerErrors, errorMessage, FormError, formErrorOf } from "../errors";
import { formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { checkWith } from "../check-with";

type Article = RouterOutputs["kb"]["get"];
type Values = {
  title: string;
  slug: string;
  categoryId: string;
  visibility: (typeof VISIBILITIES)[number];
  published: boolean;
  body: string;
};

const STARTER = `Explain the problem in one sentence.

## Steps

1. First step.
2. Second step.

## Still not working?

Open a ticket and tell us what you tried.
`;

function valuesOf(a: Article | null): Values {
  return {
    title: a?.title ?? "",
    slug: a?.slug ?? "",
    categoryId: a?.categoryId ?? "",
    visibility: a?.visibility ?? "PUBLIC",
    published: a?.published ?? false,
    body: a?.body ?? STARTER,
  };
}

const back = { href: "/kb", label: "Knowledge base" };

/** /kb/new and /kb/[id]: the editor for writers, the article for readers. */
export function ArticlePage({ id, timeZone, canManage }: { id: string | null; timeZone: string; canManage: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kb.get.queryOptions({ id: id ?? "" }, { enabled: !!id }));
  if (!id) {
    return (
      <>
        <BackLink {...back} />
        <ArticleEditor article={null} timeZone={timeZone} />
      </>
    );
  }
  return (
    <DetailPage
      query={query}
      what="article"
      back={back}
      skeleton={
        <>
          <Skeleton className="h-8 w-72" />
          <Skeleton className="h-64 w-full" />
        </>
      }
    >
      {(article) =>
        canManage ? (
          <ArticleEditor article={article} timeZone={timeZone} />
        ) : (
          <ArticleReader article={article} timeZone={timeZone} />
        )
      }
    </DetailPage>
  );
}

function ArticleReader({ article, timeZone }: { article: Article; timeZone: string }) {
  return (
    <>
      <PageHeader
        title={article.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {article.category ? <Badge variant="outline">{article.category.name}</Badge> : null}
            <Badge variant={article.visibility === "PUBLIC" ? "secondary" : "outline"}>
              {article.visibility === "PUBLIC" ? "Public" : "Internal"}
            </Badge>
            Updated {formatDateTime(article.updatedAt, timeZone)}
          </span>
        }
      />
      <Card>
        <CardContent className="pt-6">
          <Markdown>{article.body}</Markdown>
        </CardContent>
      </Card>
    </>
  );
}

function ArticleEditor({ article, timeZone }: { article: Article | null; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const categories = useQuery(trpc.kb.categories.queryOptions());
  const [tab, setTab] = React.useState<"write" | "preview">("write");
  const [deleting, setDeleting] = React.useState(false);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);
  const editing = !!article;
  const form = useForm<Values>({
    resolver: checkWith(editing ? updateArticleSchema : createArticleSchema, () => ({ id: article?.id })),
    defaultValues: valuesOf(article),
  });
  React.useEffect(() => form.reset(valuesOf(article)), [article, form]);
  const create = useMutation(trpc.kb.create.mutationOptions());
  const update = useMutation(trpc.kb.update.mutationOptions());
  const remove = useMutation(
    trpc.kb.delete.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: "The article is deleted" });
        await queryClient.invalidateQueries(trpc.kb.pathFilter());
        router.push("/kb");
      },
      onError: (err) => setDeleteError(errorMessage(err)),
    }),
  );
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;
  const body = form.watch("body");
  const title = form.watch("title");
  const slug = form.watch("slug");

  const onSubmit = form.handleSubmit(async (values) => {
    const input = { ...values, categoryId: values.categoryId || null, slug: values.slug || null };
    try {
      const saved = article ? await update.mutateAsync({ ...input, id: article.id }) : await create.mutateAsync(input);
      toast({
        variant: "success",
        title: saved.published ? `“${saved.title}” is published` : `“${saved.title}” is saved as a draft`,
      });
      await queryClient.invalidateQueries(trpc.kb.pathFilter());
      if (!article) router.push(`/kb/${saved.id}`);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <>
      <PageHeader
        title={editing ? `Edit “${article.title}”` : "New article"}
        description={
          editing
            ? `Last changed ${formatDateTime(article.updatedAt, timeZone)} · ${article.views} view${article.views === 1 ? "" : "s"} in the portal`
            : "Write in markdown: ## headings, **bold**, lists, [links](https://…) and tables. HTML is not allowed."
        }
        actions={
          editing ? (
            <Button variant="outline" onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden />
              Delete
            </Button>
          ) : null
        }
      />
      <form noValidate onSubmit={onSubmit} className="grid gap-6">
        <FormError message={formErrorOf(form)} />
        <Card>
          <CardContent className="grid gap-4 pt-6 sm:grid-cols-2 lg:grid-cols-4">
            <FormField label="Title" error={errors.title?.message} required className="sm:col-span-2">
              <Input autoComplete="off" {...form.register("title")} />
            </FormField>
            <FormField label="Category" error={errors.categoryId?.message}>
              <NativeSelect {...form.register("categoryId")}>
                <option value="">No category</option>
                {(categories.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Audience" error={errors.visibility?.message}>
              <NativeSelect {...form.register("visibility")}>
                {VISIBILITIES.map((v) => (
                  <option key={v} value={v}>
                    {VISIBILITY_LABELS[v]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="Address"
              error={errors.slug?.message}
              className="sm:col-span-2"
              description={`/portal/help/${slug || slugify(title) || "…"}${editing ? "" : " (empty: made from the title)"}`}
            >
              <Input
                autoComplete="off"
                placeholder={slugify(title) || "restart-your-router"}
                {...form.register("slug")}
              />
            </FormField>
            <div className="flex items-center gap-2 sm:col-span-2 lg:pt-6">
              <input id="published" type="checkbox" className="size-4 accent-primary" {...form.register("published")} />
              <label htmlFor="published" className="text-sm">
                Published (staff can search it; if public, customers see it in the portal)
              </label>
            </div>
          </CardContent>
        </Card>

        <div className="flex gap-1 lg:hidden" role="tablist" aria-label="Editor">
          {(
            [
              ["write", "Write", Pencil],
              ["preview", "Preview", Eye],
            ] as const
          ).map(([t, text, Icon]) => (
            <Button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              variant={tab === t ? "secondary" : "ghost"}
              size="sm"
              onClick={() => setTab(t)}
            >
              <Icon aria-hidden />
              {text}
            </Button>
          ))}
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className={cn(tab === "preview" && "hidden lg:block")}>
            <FormField label="Article (markdown)" error={errors.body?.message} required>
              <Textarea rows={24} className="font-mono text-sm" {...form.register("body")} />
            </FormField>
          </div>
          <div className={cn("grid content-start gap-2", tab === "write" && "hidden lg:grid")}>
            <p className="text-sm font-medium">Preview</p>
            <Card>
              <CardContent className="pt-6">
                <h1 className="mb-4 text-2xl font-semibold">{title || "Untitled"}</h1>
                <Markdown>{body || "_Nothing written yet._"}</Markdown>
              </CardContent>
            </Card>
          </div>
        </div>

        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" asChild>
            <Link href="/kb">Cancel</Link>
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? <Spinner className="text-current" label="Saving" /> : null}
            {pending ? "Saving…" : editing ? "Save changes" : "Save article"}
          </Button>
        </div>
      </form>
      {article ? (
        <ConfirmDialog
          open={deleting}
          onOpenChange={setDeleting}
          title={`Delete “${article.title}”?`}
          description="Links to it in tickets and bookmarks stop working. To hide it from customers only, untick Published instead."
          confirmLabel="Delete article"
          pendingLabel="Deleting…"
          destructive
          pending={remove.isPending}
          error={deleteError}
          onConfirm={() => remove.mutate({ id: article.id })}
        />
      ) : null}
    </>
  );
}
