import { notFound, redirect } from "next/navigation";
import type { Permission } from "./permissions";
import { currentCompany, currentViewer, loginUrlForThisPage } from "./viewer";

// Server-side gates for pages. Layouts are not re-run on every client navigation, so each page
// asks again (both lookups are cached per request).

/**
 * Signed-in staff of this subdomain's company. `allowed` tells whether they hold `permission`;
 * `can(p)` answers the same for any other permission the page shows or hides something by.
 */
export async function requireStaff(permission?: Permission) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  if (!company) notFound();
  if (!viewer) redirect(await loginUrlForThisPage());
  if (viewer.mustEnrolTwoFactor) redirect("/two-factor/setup");
  if (viewer.role === "CUSTOMER") redirect("/portal");
  const can = (p: Permission) => viewer.permissions.includes(p);
  return { company, viewer, allowed: !permission || can(permission), can };
}

/** Signed-in users whose role has portal:access; staff are sent to the console. */
export async function requireCustomer() {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  if (!company) notFound();
  if (!viewer) redirect(await loginUrlForThisPage());
  if (!viewer.permissions.includes("portal:access")) redirect("/");
  if (viewer.mustEnrolTwoFactor) redirect("/two-factor/setup");
  return { company, viewer };
}
