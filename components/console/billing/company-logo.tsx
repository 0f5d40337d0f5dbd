"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ImageUp } from "lucide-react";
import { send } from "@/components/attachments/use-uploads";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { LOGO_TYPES, MAX_LOGO_BYTES } from "@/server/modules/billing/schema";
import { formatBytes } from "@/server/modules/storage/schema";
import { QueryError } from "../errors";

// The logo at the top of every invoice and statement PDF. The file goes up like any attachment
// (the server checks its content), then billing makes it the logo (PNG or JPEG, small).

export function CompanyLogo({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const logo = useQuery(trpc.billing.settings.logo.queryOptions());
  const setLogo = useMutation(trpc.billing.settings.setLogo.mutationOptions());
  const removeLogo = useMutation(trpc.billing.settings.removeLogo.mutationOptions());
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const input = React.useRef<HTMLInputElement>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.billing.settings.logo.queryFilter());
  async function choose(file: File | undefined) {
    if (!file) return;
    setError(null);
    // The quick checks here; the server checks again, including that the bytes are an image.
    if (!LOGO_TYPES.includes(file.type as (typeof LOGO_TYPES)[number]))
      return setError(`"${file.name}" is not a PNG or JPEG image: invoices can show only those.`);
    if (file.size > MAX_LOGO_BYTES)
      return setError(
        `"${file.name}" is ${formatBytes(file.size)}; a logo can be at most ${formatBytes(MAX_LOGO_BYTES)}.`,
      );
    setBusy(true);
    try {
      const uploaded = await send(file, () => undefined);
      await setLogo.mutateAsync({ attachmentId: uploaded.id });
      await refresh();
      toast({ variant: "success", title: "Logo saved", description: "New invoices and statements show it." });
    } catch (e) {
      setError(e instanceof Error ? e.message : "The logo could not be saved. Please try again.");
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Logo</CardTitle>
        <CardDescription>
          Printed at the top of invoice and statement PDFs. PNG or JPEG, at most {formatBytes(MAX_LOGO_BYTES)}; a wide
          logo on a white or transparent background prints best.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center gap-4">
        {logo.isError ? (
          <QueryError title="Could not load the logo" error={logo.error} onRetry={() => logo.refetch()} />
        ) : logo.isPending ? (
          <Skeleton className="h-16 w-48" />
        ) : logo.data ? (
          // A data URL of the company's own checked image: next/image cannot optimise it.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={logo.data.dataUrl}
            alt="Your logo as invoices show it"
            className="max-h-16 max-w-48 rounded border bg-white object-contain p-1"
          />
        ) : (
          <p className="text-sm text-muted-foreground">
            No logo yet: invoices show your company name only.{canManage ? " Upload one to brand them." : ""}
          </p>
        )}
        {canManage ? (
          <div className="flex gap-2">
            <input
              ref={input}
              type="file"
              accept={LOGO_TYPES.join(",")}
              className="sr-only"
              aria-label="Logo file"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
            <Button variant="outline" size="sm" disabled={busy} onClick={() => input.current?.click()}>
              <ImageUp aria-hidden />
              {busy ? "Uploading…" : logo.data ? "Replace logo" : "Upload logo"}
            </Button>
            {logo.data ? (
              <Button
                variant="ghost"
                size="sm"
                disabled={busy || removeLogo.isPending}
                onClick={async () => {
                  await removeLogo.mutateAsync();
                  await refresh();
                  toast({ title: "Logo removed" });
                }}
              >
                Remove
              </Button>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="basis-full text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
