import type { ReactNode } from "react";
import Link from "next/link";
import { RadioTower } from "lucide-react";
import { Button } from "@/components/ui/button";

export function Wordmark() {
  return (
    <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
      <span className="flex size-8 items-center justify-center rounded-lg bg-primary text-primary-foreground">
        <RadioTower aria-hidden className="size-4" />
      </span>
      Lastmile
    </Link>
  );
}

/** Header and footer of the root domain's public pages. */
export function SiteChrome({ children, showCta = true }: { children: ReactNode; showCta?: boolean }) {
  return (
    <div className="flex min-h-screen flex-col bg-background">
      <header className="border-b">
        <div className="mx-auto flex h-16 w-full max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
          <Wordmark />
          {showCta ? (
            <Button asChild size="sm">
              <Link href="/register">Register your ISP</Link>
            </Button>
          ) : null}
        </div>
      </header>
      <main className="flex-1">{children}</main>
      <footer className="border-t">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>Lastmile: operations software for internet service providers.</p>
          <p>© {new Date().getFullYear()} Lastmile</p>
        </div>
      </footer>
    </div>
  );
}
