import type { Attachment } from "../../db/generated/prisma/client";
import type { DownloadViewer } from "../storage/access";
import type { Scope } from "../scope";

/** A proof of transfer's receipt: the customer who sent it, and staff who read billing. */
export async function transferProofAttachmentVisible(
  scope: Scope,
  viewer: DownloadViewer,
  a: Pick<Attachment, "transferProofId">,
): Promise<boolean> {
  if (!a.transferProofId) return false;
  if (viewer.role !== "CUSTOMER") return viewer.permissions.includes("billing:read");
  return !!(await scope.tx.transferProof.findFirst({
    where: { id: a.transferProofId, customer: { userId: viewer.userId } },
    select: { id: true },
  }));
}
