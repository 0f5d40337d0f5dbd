"use client";

import * as React from "react";
import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/**
 * The reference support searches the server's logs for: Next.js's digest of an error thrown on
 * the server (the same digest is logged with the request's id, instrumentation.ts). Errors thrown
 * in the browser have none.
 */
export function errorReference(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest ? digest : undefined;
}

export type PageErrorProps = {
  /** What was thrown (Next.js passes it to error.tsx as `error`). */
  error: unknown;
  /** Loads the page again from the server (error.tsx's `retry`). */
  retry: () => void;
  /** Where "back" goes: the console's dashboard, the portal's home… */
  home?: { href: string; label: string };
  /** Fills the window (nothing of the product's frame could be drawn around it). */
  fullPage?: boolean;
};

/**
 * What a person sees when a page fails to load: that it failed, that trying again often helps,
 * a Try again button, and the reference to give support. Never the error's own message: on the
 * server it may hold details that are not theirs to see (Next.js hides it in production anyway).
 */
export function PageError({ error, retry, home, fullPage }: PageErrorProps) {
  const reference = errorReference(error);
  React.useEffect(() => {
    // In the browser's console for whoever investigates on the spot; the server logged its own.
    console.error(error);
  }, [error]);
  // The console's and the portal's frames have their <main> already.
  const Box = fullPage ? "main" : "section";
  return (
    <Box
      aria-labelledby="page-error-title"
      className={cn(
        "flex flex-col items-center justify-center gap-4 px-6 py-16 text-center",
        fullPage && "min-h-screen bg-muted/40",
      )}
    >
      <div className="flex size-12 items-center justify-center rounded-full bg-destructive/10 text-destructive [&_svg]:size-6">
        <CircleAlert aria-hidden />
      </div>
      <div className="max-w-md space-y-2">
        <h1 id="page-error-title" className="text-xl font-semibold">
          Something went wrong loading this page
        </h1>
        <p className="text-sm text-muted-foreground">
          This is often brief, for example while the server reconnects to its database: try again in a moment. If it
          keeps happening, contact support and give them the reference below.
        </p>
        {reference ? (
          <p className="text-sm">
            Reference: <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs select-all">{reference}</code>
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center justify-center gap-2">
        <Button onClick={() => retry()}>Try again</Button>
        {home ? (
          // A full page load, not a client navigation: the app's state may be what failed.
          <Button asChild variant="outline">
            <a href={home.href}>{home.label}</a>
          </Button>
        ) : null}
      </div>
    </Box>
  );
}
