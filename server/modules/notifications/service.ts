import { createElement } from "react";
import { NotificationEmail } from "../../../emails/notification";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import { listPage } from "../../lib/schema";
import type { Scope } from "../scope";
import { listNotificationsSchema, markReadSchema, notifySchema, type NotifyInput } from "./schema";

// In-app notifications (the bell) with an optional e-mail copy through the mailer's outbox.
// Other modules (tickets, SLA escalation, staff) call notify(); people read only their own.

/**
 * Tells users of the scope's company something. Ids that are not active users of this company
 * are skipped silently: callers pass "the assignee, the lead, the watchers" without checking
 * each, and a stale or foreign id must never reach another company (RLS hides such users too).
 */
export async function notify(scope: Scope, input: NotifyInput): Promise<void> {
  const data = notifySchema.parse(input);
  const ids = [...new Set(data.userIds)];
  if (ids.length === 0) return;
  const users = await scope.tx.user.findMany({
    where: { id: { in: ids }, companyId: scope.companyId, status: "ACTIVE" },
    select: { id: true, email: true, name: true },
    orderBy: { id: "asc" },
  });
  if (users.length === 0) return;
  await scope.tx.notification.createMany({
    data: users.map((u) => ({
      id: newId(),
      companyId: scope.companyId,
      userId: u.id,
      kind: data.kind,
      title: data.title,
      body: data.body ?? null,
      link: data.link ?? null,
    })),
  });
  if (!data.email) return;
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { name: true, slug: true },
  });
  const url = data.link ? companyUrl(company.slug, data.link) : null;
  for (const u of users) {
    await sendMail(scope, {
      to: u.email,
      subject: data.title,
      body: createElement(NotificationEmail, {
        companyName: company.name,
        recipientName: u.name,
        title: data.title,
        body: data.body ?? null,
        url,
      }),
    });
  }
}

/** The signed-in person's notifications, newest first, with their unread count for the badge. */
export async function list(scope: Scope, userId: string, input: unknown) {
  const { page, pageSize, unreadOnly } = listNotificationsSchema.parse(input ?? {});
  const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  const unread = await scope.tx.notification.count({ where: { userId, readAt: null } });
  const { rows, ...paging } = await listPage(
    { page, pageSize },
    {
      count: () => scope.tx.notification.count({ where }),
      rows: (window) =>
        scope.tx.notification.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
          ...window,
        }),
    },
  );
  return { ...paging, unread, rows };
}

export async function unreadCount(scope: Scope, userId: string) {
  return { count: await scope.tx.notification.count({ where: { userId, readAt: null } }) };
}

// Marking read is the reader's own view state, like a mail client's: it is not audited (the
// notification itself records what happened). Ids of other people's notifications match no row.

export async function markRead(scope: Scope, userId: string, input: unknown, now = new Date()) {
  const { ids } = markReadSchema.parse(input);
  const { count } = await scope.tx.notification.updateMany({
    where: { id: { in: ids }, userId, readAt: null },
    data: { readAt: now },
  });
  return { updated: count };
}

export async function markAllRead(scope: Scope, userId: string, now = new Date()) {
  const { count } = await scope.tx.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return { updated: count };
}
