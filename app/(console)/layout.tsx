import type { ReactNode } from "react";
import { notFound, redirect } from "next/navigation";
import { signOutAction } from "@/app/(auth)/sign-out";
import { AppShell } from "@/components/layout/app-shell";
import { consoleNavFor } from "@/components/console/nav";
import { UserMenu } from "@/components/console/user-menu";
import { ToastProvider } from "@/components/ui/toast";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { currentCompany, currentViewer } from "@/server/auth/viewer";

// The staff console's frame: only signed-in staff of this subdomain's company get past here.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  if (!company) notFound();
  if (!viewer) redirect("/login");
  if (viewer.mustEnrolTwoFactor) redirect("/two-factor/setup");
  if (viewer.role === "CUSTOMER") redirect("/portal");

  const navItems = consoleNavFor(viewer.permissions).map(({ href, label, icon: Icon }) => ({
    href,
    label,
    icon: <Icon aria-hidden />,
  }));

  return (
    <ToastProvider>
      <AppShell
        companyName={company.name}
        navItems={navItems}
        userMenu={
          <UserMenu
            name={viewer.name}
            email={viewer.email}
            roleLabel={ROLE_LABELS[viewer.role]}
            accountHref="/account"
            signOut={signOutAction}
          />
        }
      >
        <div className="mx-auto w-full max-w-6xl">{children}</div>
      </AppShell>
    </ToastProvider>
  );
}
