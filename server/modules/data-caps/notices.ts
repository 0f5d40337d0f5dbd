import { createElement } from "react";
import { NotificationEmail } from "../../../emails/notification";
import { withTenant } from "../../db/tenant";
import { DomainError } from "../../lib/errors";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import { formatDay } from "../billing/periods";
import * as notifications from "../notifications/service";
import { systemActor, type Scope } from "../scope";
import * as sms from "../sms/service";
import { toDateString } from "../subscriptions/dates";
import { newId } from "../../lib/ids";
import { alignmentOf, allowancesOn, type Allowance } from "./allowance";
import { CAPPED_SELECT, CAPPED_WHERE, cappedOf, companyToday } from "./subscriptions";

// The usage notices: when a subscriber has used 80 % and 100 % of their allowance (cap + top-ups
// + rollover) in the current billing period they hear it in the portal (bell), by e-mail and by
// SMS. Each threshold is sent once per subscription and period: the DataCapNotice row is claimed
// (unique key) before anything is sent, so a second run, or two at once, sends nothing twice; the
// next period starts fresh. A top-up raises the allowance, so 100 % can be reached (and told)
// only against the larger allowance.

export const THRESHOLDS = [80, 100] as const;
const BATCH = 500;
const PORTAL_LINK = "/portal";

interface Customer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  accountNumber: number;
  email: string | null;
  phone: string | null;
  userId: string | null;
}

export interface NoticeRun {
  checked: number;
  sent: number;
}

/** One company's notices for today; idempotent. */
export async function sendDue(companyId: string, now: Date = new Date()): Promise<NoticeRun> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { ...systemActor, label: "data-cap notices" } };
    const today = await companyToday(tx, companyId, now);
    const alignment = await alignmentOf(tx);
    const company = await tx.company.findUniqueOrThrow({
      where: { id: companyId },
      select: { name: true, slug: true },
    });
    let after = "";
    const result: NoticeRun = { checked: 0, sent: 0 };
    for (;;) {
      // Keyset batches: memory stays flat however many subscribers the company has.
      const rows = await tx.subscription.findMany({
        where: { status: "ACTIVE", id: { gt: after }, startDate: { lte: today }, ...CAPPED_WHERE },
        select: {
          ...CAPPED_SELECT,
          customer: {
            select: {
              id: true,
              firstName: true,
              lastName: true,
              businessName: true,
              accountNumber: true,
              email: true,
              phone: true,
              userId: true,
            },
          },
        },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      const capped = rows.flatMap((r) => cappedOf(r) ?? []);
      result.checked += capped.length;
      const near = (await allowancesOn(tx, companyId, capped, today, alignment)).filter(
        (a) => a.usedMb * 100 >= THRESHOLDS[0] * a.allowanceMb,
      );
      const claimed = await claim(scope, near);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const a of near) {
        const pct = claimed.get(a.subscriptionId);
        if (!pct) continue;
        const row = byId.get(a.subscriptionId)!;
        await tell(scope, company, row.customer, row.package.name, a, pct);
        result.sent++;
      }
    }
    return result;
  });
}

/**
 * Claims every threshold each subscription has reached and not yet been told about this period;
 * returns the highest newly claimed per subscription. One jumping straight past 100 % is told
 * once ("all used"), and its 80 % row is written too, so it is never sent afterwards.
 */
async function claim(scope: Scope, near: Allowance[]): Promise<Map<string, number>> {
  const rows = near.flatMap((a) =>
    THRESHOLDS.filter((t) => a.usedMb * 100 >= t * a.allowanceMb).map((t) => ({ a, t })),
  );
  if (rows.length === 0) return new Map();
  const inserted = await scope.tx.$queryRaw<{ subscriptionId: string; thresholdPct: number }[]>`
    INSERT INTO "DataCapNotice" (id, "companyId", "subscriptionId", "periodStart", "thresholdPct", "usedMb", "allowanceMb")
    SELECT * FROM unnest(${rows.map(() => newId())}::text[], ${rows.map(() => scope.companyId)}::text[],
      ${rows.map((r) => r.a.subscriptionId)}::text[], ${rows.map((r) => toDateString(r.a.period.start))}::date[],
      ${rows.map((r) => r.t)}::int[], ${rows.map((r) => r.a.usedMb)}::int[], ${rows.map((r) => r.a.allowanceMb)}::int[])
    ON CONFLICT ("subscriptionId", "periodStart", "thresholdPct") DO NOTHING
    RETURNING "subscriptionId", "thresholdPct"`;
  const highest = new Map<string, number>();
  for (const r of inserted) highest.set(r.subscriptionId, Math.max(highest.get(r.subscriptionId) ?? 0, r.thresholdPct));
  return highest;
}

const gb = (mb: number) => (mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`);

async function tell(
  scope: Scope,
  company: { name: string; slug: string },
  customer: Customer,
  packageName: string,
  a: Allowance,
  pct: number,
) {
  const full = pct >= 100;
  const title = full ? "You have used all your data for this period" : `You have used ${pct}% of your data`;
  const body = [
    `${packageName}: ${gb(a.usedMb)} of ${gb(a.allowanceMb)} used, ${formatDay(a.period.start)}–${formatDay(a.period.end)}.`,
    full
      ? "Buy a data top-up in the portal to keep full speed until the period ends."
      : "You can buy a data top-up in the portal before you run out.",
  ].join(" ");
  if (customer.userId) {
    // The bell, and its e-mail copy to the customer's portal sign-in address.
    await notifications.notify(scope, {
      userIds: [customer.userId],
      kind: "data_cap",
      title,
      body,
      link: PORTAL_LINK,
      email: true,
    });
  } else if (customer.email) {
    await sendMail(scope, {
      to: customer.email,
      subject: title,
      body: createElement(NotificationEmail, {
        companyName: company.name,
        recipientName: customer.firstName ?? customer.businessName ?? "customer",
        title,
        body,
        url: companyUrl(company.slug, PORTAL_LINK),
      }),
    });
  }
  if (customer.phone && (await sms.isEnabled(scope))) {
    try {
      await sms.send(scope, {
        to: customer.phone,
        key: `data-cap:${a.subscriptionId}:${toDateString(a.period.start)}:${pct}`,
        template: full ? "DATA_CAP_100" : "DATA_CAP_80",
        values: {
          firstName: customer.firstName ?? customer.businessName ?? "",
          accountNumber: String(customer.accountNumber),
          companyName: company.name,
          link: companyUrl(company.slug, PORTAL_LINK),
        },
      });
    } catch (error) {
      // A number an SMS cannot reach must not stop the other customers' notices; the bell and
      // e-mail above still went out.
      if (!(error instanceof DomainError)) throw error;
    }
  }
}
