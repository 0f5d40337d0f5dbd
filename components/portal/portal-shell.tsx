"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useFormStatus } from "react-dom";
import { CircleUser, FileText, House, LifeBuoy, LogOut, MessagesSquare, Wallet } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { NotificationBell } from "@/components/notifications/notification-bell";

const NAV = [
  { href: "/portal", label: "Home", icon: House },
  { href: "/portal/invoices", label: "Invoices", icon: FileText },
  { href: "/portal/payments", label: "Payments", icon: Wallet },
  { href: "/portal/support", label: "Support", icon: MessagesSquare },
  { href: "/portal/help", label: "Help", icon: LifeBuoy },
  { href: "/portal/account", label: "Account", icon: CircleUser },
];

function SignOutButton() {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="ghost" size="sm" disabled={pending}>
      <LogOut aria-hidden />
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}

/** The customer portal's frame: phone first (tab bar at the bottom), a top bar on wider screens. */
export function PortalShell({
  companyName,
  signOut,
  children,
}: {
  companyName: string;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  const pathname = usePathname() ?? "/portal";
  const isActive = (href: string) => (href === "/portal" ? pathname === "/portal" : pathname.startsWith(href));
  return (
    <div className="flex min-h-screen flex-col bg-muted/30">
      <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
        {/* Tight enough that six links, the bell and "Sign out" leave the company's name whole
            in the 3xl column ("Acme Fiber" was cut to "Acme …"); a longer name still truncates. */}
        <div className="mx-auto flex h-14 w-full max-w-3xl items-center gap-3 px-4">
          <Link href="/portal" className="truncate font-semibold">
            {companyName}
          </Link>
          <nav aria-label="Portal" className="hidden items-center gap-1 sm:flex">
            {NAV.map(({ href, label }) => (
              <Link
                key={href}
                href={href}
                aria-current={isActive(href) ? "page" : undefined}
                className={cn(
                  "rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
                  isActive(href)
                    ? "bg-accent text-accent-foreground"
                    : "text-muted-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                {label}
              </Link>
            ))}
          </nav>
          <NotificationBell className="ml-auto" />
          <form
            action={async () => {
              await signOut();
              // A full navigation: the session cookie is gone, nothing cached should survive.
              window.location.assign("/login");
            }}
          >
            <SignOutButton />
          </form>
        </div>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 pt-6 pb-24 sm:pb-10">{children}</main>
      <nav aria-label="Portal (mobile)" className="fixed inset-x-0 bottom-0 z-40 border-t bg-background sm:hidden">
        <ul className="grid" style={{ gridTemplateColumns: `repeat(${NAV.length}, minmax(0, 1fr))` }}>
          {NAV.map(({ href, label, icon: Icon }) => (
            <li key={href}>
              <Link
                href={href}
                aria-current={isActive(href) ? "page" : undefined}
                className={cn(
                  "flex flex-col items-center gap-1 py-2.5 text-xs font-medium",
                  isActive(href) ? "text-primary" : "text-muted-foreground",
                )}
              >
                <Icon aria-hidden className="size-5" />
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
