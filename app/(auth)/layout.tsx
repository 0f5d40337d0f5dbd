import type { ReactNode } from "react";
import { currentCompany } from "@/server/auth/viewer";

// Signed-out pages of a company: centred card with the ISP's name.
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const company = await currentCompany();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-muted/40 p-4">
      <p className="mb-6 text-lg font-semibold text-primary">{company?.name ?? "Lastmile"}</p>
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
