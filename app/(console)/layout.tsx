import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/sign-out";
import { AppShell } from "@/components/layout/app-shell";
import { consoleNavFor } from "@/components/console/nav";
import { UserMenu } from "@/components/console/user-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ToastProvider } from "@/components/ui/toast";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { requireStaff } from "@/server/auth/guards";

// The staff console's frame: only signed-in staff of this subdomain's company get past here.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { company, viewer } = await requireStaff();

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
          <>
            <NotificationBell />
            <UserMenu
              name={viewer.name}
              email={viewer.email}
              roleLabel={ROLE_LABELS[viewer.role]}
              accountHref="/account"
              signOut={signOutAction}
            />
          </>
        }
      >
        <div className="mx-auto w-full max-w-6xl">{children}</div>
      </AppShell>
    </ToastProvider>
  );
}
