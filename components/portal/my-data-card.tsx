"use client";

import { useMutation } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { saveExport } from "@/components/privacy/save-export";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** "Download my data": what the provider holds about the signed-in customer, as a file. */
export function MyDataCard({ companyName }: { companyName: string }) {
  const trpc = useTRPC();
  const download = useMutation(trpc.privacy.exportMine.mutationOptions({ onSuccess: (file) => saveExport(file) }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your data</CardTitle>
        <CardDescription>
          Download everything {companyName} holds about you: your details, services, requests, support tickets, visits,
          data usage and sessions. JSON is one file for programs; CSV is a ZIP of spreadsheet files.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {download.isError ? (
          <Alert variant="destructive">
            <AlertDescription>{download.error.message}</AlertDescription>
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {(["json", "csv"] as const).map((format) => (
            <Button
              key={format}
              variant="outline"
              disabled={download.isPending}
              onClick={() => download.mutate({ format })}
            >
              <Download aria-hidden />
              {download.isPending && download.variables?.format === format
                ? "Preparing…"
                : `Download my data (${format.toUpperCase()})`}
            </Button>
          ))}
        </div>
      </CardContent>
    </Card>
  );
}
