import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { CaptiveSettings } from "@/components/console/settings/captive-settings";
import { RadiusKeys } from "@/components/console/settings/radius-keys";
import { StaleSessionSettings } from "@/components/console/settings/stale-session-settings";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/guards";
import { companyUrl } from "@/server/lib/urls";

export const metadata: Metadata = { title: "RADIUS servers" };

export default async function RadiusSettingsPage() {
  const { company, allowed } = await requireStaff("network:manage");
  if (!allowed) return <NoAccess what="managing your network's RADIUS servers" />;
  const apiUrl = companyUrl(company.slug, "").replace(/\/$/, "");
  const endpoints = [
    [
      "authorize",
      "/api/radius/authorize",
      "Before the password check: the password to compare and the speed, time and data limits, or a refusal.",
    ],
    ["post-auth", "/api/radius/post-auth", "After a successful login: a voucher's first login starts its time."],
    [
      "accounting",
      "/api/radius/accounting",
      "Start, Interim-Update, Stop: usage for the customer portal and voucher allowances.",
    ],
  ] as const;
  return (
    <>
      <PageHeader
        title="RADIUS servers"
        description="Your FreeRADIUS servers ask Lastmile whether a PPPoE subscriber or a hotspot voucher may go online, and report how much each session used."
      />
      <div className="grid gap-6">
        <RadiusKeys timeZone={company.timeZone} apiUrl={apiUrl} />
        <StaleSessionSettings />
        <CaptiveSettings />
        <Card>
          <CardHeader>
            <CardTitle>Connecting FreeRADIUS</CardTitle>
            <CardDescription>
              FreeRADIUS 3 with its REST module (Debian:{" "}
              <code className="font-mono">apt-get install freeradius freeradius-rest</code>) and the configuration in{" "}
              <code className="font-mono">deploy/freeradius</code>, as described in the operations guide. It calls these
              addresses of your company:
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              {endpoints.map(([section, path, what]) => (
                <div key={section} className="grid gap-0.5 sm:grid-cols-[8rem_1fr] sm:gap-4">
                  <dt className="font-medium">{section}</dt>
                  <dd className="min-w-0 space-y-0.5">
                    <code className="block break-all font-mono text-xs">POST {apiUrl + path}</code>
                    <p className="text-muted-foreground">{what}</p>
                  </dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
