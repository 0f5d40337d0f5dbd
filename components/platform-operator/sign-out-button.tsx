"use client";

import { operatorSignOutAction } from "@/app/(platform)/platform/operator/actions";
import { Button } from "@/components/ui/button";

export function OperatorSignOutButton() {
  return (
    <form
      action={async () => {
        await operatorSignOutAction();
        window.location.assign("/operator/login");
      }}
    >
      <Button variant="outline" type="submit">
        Sign out
      </Button>
    </form>
  );
}
