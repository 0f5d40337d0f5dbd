import { Badge } from "@/components/ui/badge";
import { formatMoney } from "@/server/lib/money";

export interface PrepaidService {
  subscriptionId: string;
  packageName: string;
  status: string;
  paidUntil: string | null;
  renewalMinor: number;
  waitingForTopUp: boolean;
}

/** What the wallet pays for: each prepaid service, paid until when, and what renews it next. */
export function PrepaidServices({ services, currency }: { services: PrepaidService[]; currency: string }) {
  if (services.length === 0) return null;
  return (
    <ul className="divide-y rounded-md border text-sm" aria-label="Prepaid services">
      {services.map((s) => (
        <li key={s.subscriptionId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
          <span className="min-w-0 flex-1 font-medium">{s.packageName}</span>
          {s.waitingForTopUp ? (
            <Badge variant="destructive">Suspended: top up {formatMoney(s.renewalMinor, currency)} to resume</Badge>
          ) : (
            <span className="text-muted-foreground">
              {/* A calendar date, shown as stored. */}
              {s.paidUntil ? `Paid until ${s.paidUntil}` : "First term not paid yet"} · renews for{" "}
              {formatMoney(s.renewalMinor, currency)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
