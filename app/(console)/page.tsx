import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { firstName, timeZoneOffset } from "@/components/console/format";
import { requireStaff } from "@/server/auth/guards";
import { consoleNavFor } from "@/components/console/nav";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { companyUrl } from "@/server/lib/urls";

export const metadata: Metadata = { title: "Dashboard" };

export default async function ConsoleDashboard() {
  const { company, viewer } = await requireStaff();
  const sections = consoleNavFor(viewer.permissions).filter((s) => s.href !== "/");
  const address = companyUrl(company.slug, "/")
    .replace(/^https?:\/\//, "")
    .replace(/\/$/, "");
  const currencyName = (() => {
    try {
      return new Intl.DisplayNames(["en"], { type: "currency" }).of(company.currency) ?? company.currency;
    } catch {
      return company.currency;
    }
  })();

  return (
    <>
      <PageHeader
        title={`Welcome, ${firstName(viewer.name)}`}
        description={
          <>
            You are signed in to {company.name} as{" "}
            <span className="font-medium text-foreground">{ROLE_LABELS[viewer.role]}</span>.
          </>
        }
      />

      {viewer.role === "FIELD_TECHNICIAN" ? (
        // A technician opens the console on a phone to see the day's visits: put them one tap away.
        <Link
          href="/field"
          className="mb-6 flex items-center justify-between gap-4 rounded-xl border border-primary/30 bg-primary/5 p-5 text-lg font-semibold transition-colors hover:bg-primary/10 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <span>
            Your jobs for today
            <span className="block text-sm font-normal text-muted-foreground">
              Visits, checklists, readings and the customer&apos;s signature.
            </span>
          </span>
          <ArrowRight aria-hidden className="size-5 shrink-0" />
        </Link>
      ) : null}

      <Card className="mb-8">
        <CardHeader className="pb-4">
          <CardTitle>{company.name}</CardTitle>
          <CardDescription>How your company is set up in Lastmile.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div className="space-y-1">
              <dt className="text-muted-foreground">Console address</dt>
              <dd className="font-medium break-all">{address}</dd>
            </div>
            <div className="space-y-1">
              <dt className="text-muted-foreground">Time zone</dt>
              <dd className="font-medium">
                {company.timeZone.replace(/_/g, " ")}{" "}
                <span className="font-normal text-muted-foreground">({timeZoneOffset(company.timeZone)})</span>
              </dd>
            </div>
            <div className="space-y-1">
              <dt className="text-muted-foreground">Currency</dt>
              <dd className="flex items-center gap-2 font-medium">
                <Badge variant="outline">{company.currency}</Badge>
                <span className="font-normal text-muted-foreground">{currencyName}</span>
              </dd>
            </div>
          </dl>
        </CardContent>
      </Card>

      <h2 className="mb-3 text-sm font-medium text-muted-foreground">Go to</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sections.map(({ href, label, description, icon: Icon }) => (
          <li key={href}>
            <Link
              href={href}
              className="group flex h-full flex-col gap-3 rounded-xl border bg-card p-5 shadow-sm transition-colors hover:border-primary/40 hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            >
              <span className="flex size-10 items-center justify-center rounded-lg bg-primary/10 text-primary">
                <Icon aria-hidden className="size-5" />
              </span>
              <span className="flex items-center gap-1 font-semibold">
                {label}
                <ArrowRight aria-hidden className="size-4 opacity-0 transition-opacity group-hover:opacity-100" />
              </span>
              <span className="text-sm text-muted-foreground">{description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
