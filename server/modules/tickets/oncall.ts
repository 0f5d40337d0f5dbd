import { withTenant } from "../../db/tenant";
import * as notifications from "../notifications/service";
import * as shifts from "../shifts/service";
import type { Scope } from "../scope";
import { PRIORITY_LABELS } from "./schema";
import { hasEvent, recordEvent } from "./service";

// Critical tickets wake somebody up at once: the staff on an on-call shift now, or, when nobody
// is on call, the company's customer service managers. Run by the Inngest function on
// "support/ticket.created" (server/jobs/functions/sla-on-call.ts), or inline by server/jobs/emit.ts
// without Inngest (a laptop, the embedded database, tests). Once per ticket: the
// "oncall_notified" ticket event is written under the ticket's row lock, so a duplicate event
// (or a retry after the notification went out) finds it and does nothing.

const ALERT = "on-call alert";

export type OnCallResult =
  | { notified: string[]; via: "on_call" | "managers" }
  | { skipped: "not_critical" | "no_ticket" | "already_notified" | "nobody_to_notify" };

export async function notifyOnCall(companyId: string, ticketId: string, now = new Date()): Promise<OnCallResult> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: ALERT } };
    await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${ticketId} FOR UPDATE`;
    const ticket = await tx.ticket.findUnique({
      where: { id: ticketId },
      select: { id: true, number: true, subject: true, priority: true, area: true },
    });
    if (!ticket) return { skipped: "no_ticket" };
    // The event says CRITICAL, but the ticket's current priority decides (it may have been lowered since).
    if (ticket.priority !== "CRITICAL") return { skipped: "not_critical" };
    if (await hasEvent(scope, ticketId, "oncall_notified")) return { skipped: "already_notified" };

    // One alert per person even when two of their on-call shifts overlap the moment.
    let people = [
      ...new Map((await shifts.onCallNow(scope, now)).map((s) => [s.userId, { id: s.userId, name: s.name }])).values(),
    ];
    let via: "on_call" | "managers" = "on_call";
    if (people.length === 0) {
      people = await tx.user.findMany({
        where: { role: "CUSTOMER_SERVICE_MANAGER", status: "ACTIVE" },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
      via = "managers";
    }
    if (people.length === 0) return { skipped: "nobody_to_notify" };

    await notifications.notify(scope, {
      userIds: people.map((p) => p.id),
      kind: "ticket.critical",
      title: `${PRIORITY_LABELS.CRITICAL} ticket #${ticket.number}: ${ticket.subject}`.slice(0, 200),
      body: `${via === "on_call" ? "You are on call." : "Nobody is on call, so the customer service managers are told."}${ticket.area ? ` Area: ${ticket.area}.` : ""}`,
      link: `/tickets/${ticket.id}`,
      email: true,
    });
    await recordEvent(scope, ticketId, "oncall_notified", {
      note: `${via === "on_call" ? "On-call staff" : "Managers (nobody on call)"} notified: ${people.map((p) => p.name).join(", ")}.`,
      by: ALERT,
      at: now,
    });
    return { notified: people.map((p) => p.id), via };
  });
}
