import type { Attachment, Prisma } from "../../db/generated/prisma/client";
import type { Role } from "../../db/generated/prisma/enums";
import type { Permission } from "../../auth/permissions";
import { Forbidden } from "../../lib/errors";
import type { Scope } from "../scope";

// Who sees which ticket. Staff with tickets:read_all see the company's queue; staff with only
// tickets:read (field technicians) see the tickets assigned to them or that they watch.
// Customers see the tickets of their own customer record, and of those only the public part.

/** The person a staff-side service call acts for. A session Viewer and an API viewer both fit. */
export interface Staff {
  userId: string;
  permissions: readonly Permission[];
}

export const canReadAll = (staff: Staff) => staff.permissions.includes("tickets:read_all");

/**
 * Refuses a part of a request the staff member's permissions do not cover, naming it: one
 * endpoint (REST PUT, comments) serves people who hold some of its permissions but not all.
 */
export function assertCan(staff: Staff, permission: Permission, what: string): void {
  if (!staff.permissions.includes(permission)) throw new Forbidden(`${what} needs the permission ${permission}.`);
}

/** The tickets this staff member may see, as a condition to AND into every query. */
export function staffVisible(staff: Staff): Prisma.TicketWhereInput {
  if (canReadAll(staff)) return {};
  return { OR: [{ assigneeId: staff.userId }, { watchers: { some: { userId: staff.userId } } }] };
}

/**
 * A ticket's attachment, for the download route: staff who can see the ticket; the ticket's own
 * customer only for files on the ticket itself or on a public reply, never an internal note's.
 */
export async function ticketAttachmentVisible(
  scope: Scope,
  viewer: { userId: string; role: Role; permissions: readonly Permission[] },
  a: Attachment,
): Promise<boolean> {
  if (!a.ticketId) return false;
  if (viewer.role === "CUSTOMER") {
    const ticket = await scope.tx.ticket.findFirst({
      where: { id: a.ticketId, customer: { userId: viewer.userId } },
      select: { id: true },
    });
    if (!ticket) return false;
    if (!a.commentId) return true;
    const comment = await scope.tx.ticketComment.findUnique({
      where: { id: a.commentId },
      select: { visibility: true },
    });
    return comment?.visibility === "PUBLIC";
  }
  if (!viewer.permissions.includes("tickets:read")) return false;
  const ticket = await scope.tx.ticket.findFirst({
    where: { AND: [{ id: a.ticketId }, staffVisible(viewer)] },
    select: { id: true },
  });
  return !!ticket;
}
