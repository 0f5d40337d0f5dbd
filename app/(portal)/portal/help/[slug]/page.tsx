import type { Metadata } from "next";
import { requireCustomer } from "@/server/auth/guards";
import { HelpArticle } from "@/components/portal/help/help-article";

export const metadata: Metadata = { title: "Help article" };

export default async function HelpArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { company } = await requireCustomer();
  return <HelpArticle slug={slug} timeZone={company.timeZone} />;
}
