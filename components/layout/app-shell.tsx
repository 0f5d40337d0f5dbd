"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Menu, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export type NavItem = { href: string; label: string; icon?: React.ReactNode };

export type AppShellProps = {
  companyName: string;
  navItems: NavItem[];
  userMenu?: React.ReactNode;
  children: React.ReactNode;
};

/** The active item is the one with the longest href matching the current path. */
function activeHref(pathname: string, items: NavItem[]): string | undefined {
  return (
    items
      // "/" is the dashboard only, not a prefix of every page.
      .filter(
        (i) =>
          pathname === i.href || (i.href !== "/" && pathname.startsWith(i.href.endsWith("/") ? i.href : `${i.href}/`)),
      )
      .sort((a, b) => b.href.length - a.href.length)[0]?.href
  );
}

function NavList({ items, active, onNavigate }: { items: NavItem[]; active?: string; onNavigate?: () => void }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((item) => {
        const isActive = item.href === active;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={isActive ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors [&_svg]:size-4 [&_svg]:shrink-0",
                isActive
                  ? "bg-accent text-accent-foreground"
                  : "text-muted-foreground hover:bg-muted hover:text-foreground",
              )}
            >
              {item.icon}
              <span className="truncate">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function AppShell({ companyName, navItems, userMenu, children }: AppShellProps) {
  const pathname = usePathname() ?? "/";
  const active = activeHref(pathname, navItems);
  const [mobileOpen, setMobileOpen] = React.useState(false);

  return (
    <div className="min-h-screen bg-muted/30 md:flex">
      {/* Sidebar (md and up) */}
      <aside className="hidden w-60 shrink-0 flex-col border-r bg-sidebar md:sticky md:top-0 md:flex md:h-screen">
        <div className="flex h-14 items-center border-b px-4">
          <span className="truncate font-semibold">{companyName}</span>
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
          <NavList items={navItems} active={active} />
        </nav>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-40 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur">
          <Button
            variant="ghost"
            size="icon"
            className="md:hidden"
            aria-label={mobileOpen ? "Close menu" : "Open menu"}
            aria-expanded={mobileOpen}
            aria-controls="mobile-nav"
            onClick={() => setMobileOpen((o) => !o)}
          >
            {mobileOpen ? <X /> : <Menu />}
          </Button>
          <span className="truncate font-semibold md:hidden">{companyName}</span>
          <div className="ml-auto flex items-center gap-2">{userMenu}</div>
        </header>

        {mobileOpen ? (
          <nav id="mobile-nav" aria-label="Main" className="border-b bg-background p-3 md:hidden">
            <NavList items={navItems} active={active} onNavigate={() => setMobileOpen(false)} />
          </nav>
        ) : null}

        <main className="flex-1 p-4 md:p-8">{children}</main>
      </div>
    </div>
  );
}
