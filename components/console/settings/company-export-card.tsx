"use client";

import { useMutation } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { saveExport } from "@/components/privacy/save-export";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "../errors";

/** Settings → Company data export: one button; the server builds the archive and audits the download. */
export function CompanyExportCard() {
  const trpc = useTRPC();
  const toast = useToast();
  const download = useMutation(
    trpc.companyExport.download.mutationOptions({
      onSuccess: (file) => {
        saveExport(file);
        toast({ variant: "success", title: "Export ready", description: `${file.filename} was downloaded.` });
      },
      onError: (err) => toast({ variant: "destructive", title: "Could not export", description: errorMessage(err) }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>All company data</CardTitle>
        <CardDescription>
          One CSV file per kind of record (customers, subscriptions, invoices, payments, tickets, sessions, usage, the
          audit log…), read in one consistent moment, with a README and a manifest of row counts. Password and token
          hashes and encrypted values (provider keys, PPPoE passwords) are left out. Each download is recorded in the
          audit log.
        </CardDescription>
      </CardHeader>
      <CardContent className="text-sm text-muted-foreground">
        A large company can take a few minutes; keep this page open until the file is saved. An operator can also run{" "}
        <code>npm run company:export -- &lt;slug&gt;</code> on the server.
      </CardContent>
      <CardFooter>
        <Button disabled={download.isPending} onClick={() => download.mutate()}>
          <Download aria-hidden />
          {download.isPending ? "Preparing the archive…" : "Download all data (ZIP)"}
        </Button>
      </CardFooter>
    </Card>
  );
}
