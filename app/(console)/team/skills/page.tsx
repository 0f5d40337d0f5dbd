import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { SkillsCatalogue } from "@/components/console/team/skills-catalogue";

export const metadata: Metadata = { title: "Skills" };

export default async function SkillsPage() {
  const { allowed, can } = await requireStaff("staff:read");
  if (!allowed) return <NoAccess what="viewing the skill catalogue" />;
  return <SkillsCatalogue canManage={can("staff:manage")} />;
}
