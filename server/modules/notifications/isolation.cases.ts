import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";

// Tenant isolation of in-app notifications.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** One unread notification of B's technician, one of A's admin (so A's lists are not empty). */
export const notificationsFixture = fixture(async (w) => {
  const note = (companyId: string, userId: string, title: string) =>
    withTenant(companyId, (tx) =>
      tx.notification.create({ data: { id: newId(), companyId, userId, kind: "test", title, link: "/tickets/x" } }),
    );
  const notificationId = (await note(w.B.company.id, w.bTech.id, "Bravo only")).id;
  await note(w.A.company.id, w.aAdmin.ctx.viewer!.userId, "Alpha note");
  return { nb: { notificationId } };
});

export default isolationCases({
  setup: notificationsFixture,
  snapshotB: async (tx) => ({ notifications: await tx.notification.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.notification.findMany()).map((n) => n.id),
  procedures: {
    "notifications.list": async (w) => {
      const mine = await w.aAdmin.notifications.list({});
      expect(mine.rows.map((n) => n.title)).toContain("Alpha note");
      await w.expectNoneOfB(mine);
    },
    "notifications.unreadCount": async (w) => {
      expect((await w.aAdmin.notifications.unreadCount()).count).toBeGreaterThan(0);
    },
    "notifications.markRead": async (w, f) => {
      expect(await w.aAdmin.notifications.markRead({ ids: [f.nb.notificationId] })).toEqual({ updated: 0 });
    },
    "notifications.markAllRead": async (w) => {
      // Marks A's admin's own only (the snapshot shows B's stays unread).
      expect((await w.aAdmin.notifications.markAllRead()).updated).toBeGreaterThan(0);
      expect(await w.aAdmin.notifications.unreadCount()).toEqual({ count: 0 });
    },
  },
});
