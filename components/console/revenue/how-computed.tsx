import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

// "How this is computed": the definitions behind every number on the revenue page, in words. The
// same rules are written beside the code (server/modules/revenue/mrr.ts, aging.ts, breakdown.ts,
// tax-report.ts); change both together.

export function HowComputed({ countsSuspended }: { countsSuspended: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">How this is computed</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm text-muted-foreground [&_dt]:font-medium [&_dt]:text-foreground">
          <div>
            <dt>MRR</dt>
            <dd>
              The monthly value of every subscription that is active on the last day of the month (today for the current
              month): the package&apos;s price today × quantity, quarterly prices ÷ 3 and yearly ÷ 12, rounded to the
              cent. Prepaid (validity) packages, promotions and one-off charges are not recurring revenue.{" "}
              {countsSuspended
                ? "Suspended subscriptions still count, because your billing settings keep billing them."
                : "Suspended subscriptions do not count, because your billing settings pause their billing."}
            </dd>
          </div>
          <div>
            <dt>Movements</dt>
            <dd>
              Each customer&apos;s MRR at the end of the month against the end of the month before: new (from nothing,
              first time), reactivation (from nothing, a returning customer), expansion (up), contraction (down) and
              churn (down to nothing). A package change counts from its effective date, a status change from the day it
              was made; a new subscription counts from its start date, as billing does. Package changes are read from
              the audit log, so months older than its retention (Settings → Data retention) show the oldest package
              still on record.
            </dd>
          </div>
          <div>
            <dt>ARPU and churn</dt>
            <dd>
              ARPU is MRR ÷ paying customers. Logo churn is customers lost ÷ paying customers at the start of the month;
              revenue churn is (churn + contraction) ÷ MRR at the start, and net of expansion when said so.
            </dd>
          </div>
          <div>
            <dt>Receivables aging</dt>
            <dd>
              Open and partly paid invoices, by what is still owed (total − paid − credited) and days past the due date
              today. An invoice due today is not yet due; due yesterday is 1–30 days.
            </dd>
          </div>
          <div>
            <dt>Revenue per package and area, collection rate</dt>
            <dd>
              Issued invoices (not drafts, not voided) with an issue date in the chosen months. Revenue is without tax;
              an area is the coverage area of your team named in the customer&apos;s service address. The collection
              rate is the amount paid so far ÷ those invoices&apos; totals less their credit notes.
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
