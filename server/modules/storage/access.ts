import type { Attachment } from "../../db/generated/prisma/client";
import type { Role } from "../../db/generated/prisma/enums";
import type { Permission } from "../../auth/permissions";
import type { Scope } from "../scope";
import { ticketAttachmentVisible } from "../tickets/access";
import { workOrderAttachmentVisible } from "../work-orders/access";

// Who may download an attachment: decided by the module that owns what it hangs on. Storage
// only knows the file; tickets know their customers and internal notes, work orders their
// technicians.

export interface DownloadViewer {
  userId: string;
  role: Role;
  permissions: readonly Permission[];
}

export async function mayDownload(scope: Scope, viewer: DownloadViewer, a: Attachment): Promise<boolean> {
  if (a.ticketId) return ticketAttachmentVisible(scope, viewer, a);
  // Work orders: dispatchers, and a technician only on their own jobs; never customers.
  if (a.workOrderId) return workOrderAttachmentVisible(scope, viewer, a);
  // Not linked yet: only the person who uploaded it (to preview it in their own form).
  return a.uploadedById === viewer.userId;
}
