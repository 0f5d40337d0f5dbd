"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryError } from "../errors";
import type { Option } from "../locale-options";
import { CalendarsCard } from "./calendars-card";
import { RulesCard } from "./rules-card";
import { TargetsCard } from "./targets-card";

/** Settings → Support: the three parts of the SLA set-up, from one query. */
export function SupportSettingsView({ timeZones }: { timeZones: Option[] }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.sla.settings.queryOptions());
  if (query.isError)
    return (
      <QueryError title="Could not load the support settings" error={query.error} onRetry={() => query.refetch()} />
    );
  if (!query.data) {
    return (
      <div className="grid gap-6" aria-busy="true" aria-label="Loading support settings">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-56 w-full" />
        ))}
      </div>
    );
  }
  const s = query.data;
  return (
    <div className="grid gap-6">
      {/* Keyed by content so a save elsewhere (another tab) resets the form to what is stored. */}
      <TargetsCard key={JSON.stringify(s.targets)} targets={s.targets} />
      <CalendarsCard calendars={s.calendars} companyTimeZone={s.companyTimeZone} timeZones={timeZones} />
      <RulesCard rules={s.rules} />
    </div>
  );
}
