import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { ArticlePage } from "@/components/console/kb/article-editor";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Article" };

export default async function ArticleRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed, can } = await requireStaff("kb:read");
  if (!allowed) return <NoAccess what="the knowledge base" />;
  await prefetch(trpc.kb.get.queryOptions({ id }), can("kb:manage") && trpc.kb.categories.queryOptions());
  return (
    <HydrateClient>
      <ArticlePage id={id} timeZone={company.timeZone} canManage={can("kb:manage")} />
    </HydrateClient>
  );
}
