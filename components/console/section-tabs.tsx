"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface SectionTab {
  href: string;
  label: string;
  /** Current only on this very page, not on the pages under it (a section's first page). */
  exact?: boolean;
}

/** Moves between the pages of one console section (the sidebar has one entry for the whole section). */
export function SectionTabs({ label, tabs }: { label: string; tabs: readonly SectionTab[] }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="-mt-2 mb-4 flex flex-wrap gap-1 border-b">
      {tabs.map((t) => {
        const current = t.exact ? path === t.href : path === t.href || path.startsWith(`${t.href}/`);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              current
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground",
            )}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
