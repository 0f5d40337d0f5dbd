import { transferProofAttachmentVisible } from "../modules/bank-transfers/access";
import type { AttachmentOwners } from "../modules/storage/access";
import { ticketAttachmentVisible } from "../modules/tickets/access";
import { workOrderAttachmentVisible } from "../modules/work-orders/access";

// The modules that attach files to their records, each answering who may download them. Wired
// here, beside the other entry-point plumbing, because storage is used by these modules and so
// must not import them; app/api/attachments/[id]/route.ts hands this to the download.
export const attachmentOwners: AttachmentOwners = {
  ticket: ticketAttachmentVisible,
  workOrder: workOrderAttachmentVisible,
  transferProof: transferProofAttachmentVisible,
};
