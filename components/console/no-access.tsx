import Link from "next/link";
import { Lock } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function NoAccess({ what }: { what: string }) {
  return (
    <EmptyState
      icon={<Lock />}
      title="You don't have access to this page"
      description={`Your role does not include ${what}. Ask a Super Admin of your company if you need it.`}
      action={
        <Button asChild variant="outline">
          <Link href="/">Back to the dashboard</Link>
        </Button>
      }
    />
  );
}
