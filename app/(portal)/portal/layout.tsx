import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/sign-out";
import { requireCustomer } from "@/server/auth/guards";
import { PortalShell } from "@/components/portal/portal-shell";
import { ToastProvider } from "@/components/ui/toast";

// The customer portal: signed-in customers only; staff are sent to the console.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { company } = await requireCustomer();
  return (
    <ToastProvider>
      <PortalShell companyName={company.name} signOut={signOutAction}>
        {children}
      </PortalShell>
    </ToastProvider>
  );
}
