"use client";

import { BandwidthCard } from "./bandwidth-card";
import { CapacityCard } from "./capacity-card";
import { LatencyCard } from "./latency-card";
import { PeriodPicker, usePeriod } from "./period";
import { SessionsCard } from "./sessions-card";
import { TopUsersCard } from "./top-users-card";

// Network → Monitoring: one period for every card (in the URL), times shown on the company's clock.

export function MonitoringDashboard({ timeZone }: { timeZone: string }) {
  const [period, setPeriod] = usePeriod("7d");
  return (
    <div className="grid gap-6">
      <PeriodPicker value={period.key} onChange={setPeriod} />
      <BandwidthCard period={period} timeZone={timeZone} />
      <div className="grid gap-4 lg:grid-cols-2">
        <SessionsCard period={period} timeZone={timeZone} />
        <TopUsersCard period={period} />
      </div>
      <LatencyCard period={period} timeZone={timeZone} />
      <CapacityCard />
    </div>
  );
}
