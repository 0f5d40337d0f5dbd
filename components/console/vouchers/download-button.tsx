"use client";

import * as React from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { sheetHref } from "./types";

// A big batch takes several seconds to lay out as PDF, and a plain download link shows nothing
// meanwhile; so a click fetches the sheet itself, shows progress, then saves it. The href stays
// for middle-click / "save link as".

export function DownloadSheetButton({
  batchId,
  label = "Download PDF",
  iconOnly = false,
  variant = "outline",
}: {
  batchId: string;
  label?: string;
  iconOnly?: boolean;
  variant?: "outline" | "ghost";
}) {
  const [busy, setBusy] = React.useState(false);
  const toast = useToast();

  async function download(e: React.MouseEvent<HTMLAnchorElement>) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const res = await fetch(sheetHref(batchId));
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? "The server could not prepare the PDF. Please try again.");
      }
      const blob = await res.blob();
      const name =
        /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `vouchers-${batchId}.pdf`;
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement("a"), { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch (err) {
      const message =
        err instanceof Error && !/fetch|network/i.test(err.message)
          ? err.message
          : "Could not reach the server. Check your connection and try again.";
      toast({ variant: "destructive", title: "Could not download the vouchers", description: message });
    } finally {
      setBusy(false);
    }
  }

  const icon = busy ? <Spinner className="text-current" label="Preparing the PDF" /> : <Download aria-hidden />;
  return (
    <Button asChild variant={variant} size={iconOnly ? "icon" : "default"} title={iconOnly ? label : undefined}>
      <a
        href={sheetHref(batchId)}
        download
        onClick={download}
        aria-busy={busy || undefined}
        aria-label={iconOnly ? label : undefined}
      >
        {icon}
        {iconOnly ? null : busy ? "Preparing PDF…" : label}
      </a>
    </Button>
  );
}
