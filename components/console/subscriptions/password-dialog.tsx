"use client";

import * as React from "react";
import { Check, Copy, KeyRound } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

/** Shows a PPPoE login once: the password is not stored anywhere we can show it again. */
export function PasswordDialog({
  login,
  onClose,
}: {
  login: { username: string; password: string } | null;
  onClose: () => void;
}) {
  // Remembers which login was copied, so another login shows "Copy password" again.
  const [copiedFor, setCopiedFor] = React.useState<typeof login>(null);
  const copied = !!login && copiedFor === login;
  return (
    <Dialog open={!!login} onOpenChange={(o) => (!o ? onClose() : undefined)}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>PPPoE login</DialogTitle>
          <DialogDescription>Configure the customer&apos;s router with these details.</DialogDescription>
        </DialogHeader>
        {login ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md border p-4 font-mono text-sm">
            <dt className="font-sans text-muted-foreground">Username</dt>
            <dd>{login.username}</dd>
            <dt className="font-sans text-muted-foreground">Password</dt>
            <dd className="select-all">{login.password}</dd>
          </dl>
        ) : null}
        <Alert>
          <KeyRound aria-hidden />
          <AlertTitle>Shown only this once</AlertTitle>
          <AlertDescription>Write it down or copy it now. If it is lost, generate a new password.</AlertDescription>
        </Alert>
        <DialogFooter>
          <Button
            variant="outline"
            onClick={async () => {
              if (!login) return;
              await navigator.clipboard?.writeText(login.password);
              setCopiedFor(login);
            }}
          >
            {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied ? "Copied" : "Copy password"}
          </Button>
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
