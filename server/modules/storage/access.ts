import type { Attachment } from "../../db/generated/prisma/client";
import type { Role } from "../../db/generated/prisma/enums";
import type { Permission } from "../../auth/permissions";
import type { Scope } from "../scope";

// Who may download an attachment: decided by the module that owns what it hangs on. Storage
// only knows the file; tickets know their customers and internal notes, work orders their
// technicians. The caller (the download route) hands storage one check per owner kind, so
// storage never imports the modules that use it.

export interface DownloadViewer {
  userId: string;
  role: Role;
  permissions: readonly Permission[];
}

/** The owning module's answer: may this viewer see this attachment of one of its records? */
export type AttachmentCheck = (scope: Scope, viewer: DownloadViewer, a: Attachment) => Promise<boolean>;

/** One check per kind of record an attachment can hang on. */
export interface AttachmentOwners {
  ticket: AttachmentCheck;
  workOrder: AttachmentCheck;
  transferProof: AttachmentCheck;
}

export async function mayDownload(
  scope: Scope,
  viewer: DownloadViewer,
  a: Attachment,
  owners: AttachmentOwners,
): Promise<boolean> {
  if (a.ticketId) return owners.ticket(scope, viewer, a);
  if (a.workOrderId) return owners.workOrder(scope, viewer, a);
  if (a.transferProofId) return owners.transferProof(scope, viewer, a);
  // Not linked yet: only the person who uploaded it (to preview it in their own form).
  return a.uploadedById === viewer.userId;
}
