import { notFound, redirect } from "next/navigation";
import { currentCompany, currentViewer } from "@/server/auth/viewer";

// Server-side gate for customer-portal pages: signed-in users whose role has portal:access.
// Staff are sent to the console. Each page asks again (layouts are not re-run on navigation).
export async function requireCustomer() {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  if (!company) notFound();
  if (!viewer) redirect("/login");
  if (!viewer.permissions.includes("portal:access")) redirect("/");
  if (viewer.mustEnrolTwoFactor) redirect("/two-factor/setup");
  return { company, viewer };
}
