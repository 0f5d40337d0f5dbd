import type { Metadata } from "next";
import Link from "next/link";
import { ChevronRight, KeyRound, Wifi } from "lucide-react";
import { firstName } from "@/components/console/format";
import { requireCustomer } from "@/server/auth/guards";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Your account" };

export default async function PortalHome() {
  const { company, viewer } = await requireCustomer();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Hello, {firstName(viewer.name)}</h1>
        <p className="text-sm text-muted-foreground">
          Signed in to {company.name} as <span className="font-medium break-words text-foreground">{viewer.email}</span>
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Your services</CardTitle>
          <CardDescription>Internet plans and connections on your account.</CardDescription>
        </CardHeader>
        <CardContent>
          <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed px-4 py-10 text-center">
            <span className="flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
              <Wifi aria-hidden className="size-6" />
            </span>
            <p className="max-w-sm font-medium">Your services will appear here once your ISP activates them.</p>
            <p className="max-w-sm text-sm text-muted-foreground">
              If you have already signed up for a service, {company.name} will connect it to this account.
            </p>
          </div>
        </CardContent>
      </Card>

      <Link
        href="/portal/account"
        className="flex items-center gap-4 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
          <KeyRound aria-hidden className="size-5" />
        </span>
        <span className="min-w-0 flex-1">
          <span className="block font-medium">Account settings</span>
          <span className="block text-sm text-muted-foreground">Password, signed-in devices and two-factor authentication</span>
        </span>
        <ChevronRight aria-hidden className="size-5 text-muted-foreground" />
      </Link>
    </div>
  );
}
