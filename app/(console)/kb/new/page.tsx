import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { ArticlePage } from "@/components/console/kb/article-editor";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage() {
  const { company, allowed } = await requireStaff("kb:manage");
  if (!allowed) return <NoAccess what="writing knowledge-base articles" />;
  return <ArticlePage id={null} timeZone={company.timeZone} canManage />;
}
