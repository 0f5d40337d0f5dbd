import type { Permission } from "../../auth/permissions";
import type { Attachment, Prisma } from "../../db/generated/prisma/client";
import type { Role } from "../../db/generated/prisma/enums";
import type { Scope } from "../scope";

// Who sees which work order. Dispatchers (work_orders:manage) see the company's jobs; anyone
// else who may read work orders (field technicians) only the jobs assigned to them.

/** Who is acting on work orders: the signed-in user and what their role allows. */
export interface FieldAgent {
  userId: string;
  permissions: readonly Permission[];
}

/** The work orders the agent may see, as a condition to AND into every query. */
export function visibleTo(agent: FieldAgent): Prisma.WorkOrderWhereInput {
  return agent.permissions.includes("work_orders:manage") ? {} : { technicianId: agent.userId };
}

/** A work order's photo or signature, for the download route: only people who can see the job. */
export async function workOrderAttachmentVisible(
  scope: Scope,
  viewer: FieldAgent & { role: Role },
  a: Pick<Attachment, "workOrderId">,
): Promise<boolean> {
  if (!a.workOrderId || viewer.role === "CUSTOMER" || !viewer.permissions.includes("work_orders:read")) return false;
  return !!(await scope.tx.workOrder.findFirst({
    where: { AND: [{ id: a.workOrderId }, visibleTo(viewer)] },
    select: { id: true },
  }));
}
