import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { KbCategoriesView } from "@/components/console/kb/categories-view";

export const metadata: Metadata = { title: "Knowledge-base categories" };

export default async function KbCategoriesPage() {
  const { allowed } = await requireStaff("kb:manage");
  if (!allowed) return <NoAccess what="managing knowledge-base categories" />;
  return <KbCategoriesView />;
}
