import type { MonthRangeInput } from "@/server/modules/revenue/schema";

// The revenue report's months live in the URL (?from=2026-01&to=2026-06). The page (server) and
// the report (browser) build the procedure's input the same way, so the prefetched data is used.

type Source = { get(key: string): string | null | undefined };

export function revenueRangeInput(source: Source): MonthRangeInput {
  const from = source.get("from") || undefined;
  const to = source.get("to") || undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** A percentage from basis points ("12.3 %"), or "—" when there was nothing to divide by. */
export function percent(bps: number | null): string {
  return bps === null ? "—" : `${(bps / 100).toFixed(1)} %`;
}
