import { notFound, redirect } from "next/navigation";
import type { Permission } from "@/server/auth/permissions";
import { currentCompany, currentViewer } from "@/server/auth/viewer";

// Server-side gate for console pages. The layout checks the viewer once, but layouts are not
// re-run on every client navigation, so each page asks again (both calls are per-request cached).

export async function requireStaff(permission?: Permission) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  if (!company) notFound();
  if (!viewer) redirect("/login");
  if (viewer.mustEnrolTwoFactor) redirect("/two-factor/setup");
  if (viewer.role === "CUSTOMER") redirect("/portal");
  const allowed = !permission || viewer.permissions.includes(permission);
  return { company, viewer, allowed };
}
