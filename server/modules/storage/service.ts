import { createHash } from "node:crypto";
import type { Attachment } from "../../db/generated/prisma/client";
import type { AttachmentKind } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";
import { driver, MissingObject } from "./drivers";
import { validateUpload, type IncomingFile } from "./validate";
import { log } from "../../lib/log";

// The one storage module for files: ticket attachments, work-order photos, signatures.
//  • put / get / stream / remove: bytes under a key namespaced by company (any driver).
//  • upload / link / forParent: the Attachment rows that say whose file it is and where it hangs.
// An upload is stored first ("pending": no ticket, comment or work order yet, owned by the
// uploader) and linked when the ticket, reply or work order is saved, so a form can send its
// files while the person is still typing. Pending files nobody linked are purged after a day.

export { MissingObject } from "./drivers";

export interface StoredObject {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
}

/** Stores bytes as they are (no checks: validateUpload first) and returns where and what. */
export async function put(
  companyId: string,
  file: { fileName: string; contentType: string; bytes: Uint8Array },
): Promise<StoredObject> {
  const now = new Date();
  const storageKey = [
    companyId,
    String(now.getUTCFullYear()),
    String(now.getUTCMonth() + 1).padStart(2, "0"),
    newId(),
  ].join("/");
  await (await driver()).write(storageKey, file.bytes, file.contentType);
  return {
    storageKey,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
    sizeBytes: file.bytes.byteLength,
  };
}

export async function get(storageKey: string): Promise<Uint8Array> {
  return (await driver()).read(storageKey);
}

/** The bytes as a web stream, for a download Response. */
export async function stream(storageKey: string): Promise<ReadableStream<Uint8Array>> {
  return (await driver()).open(storageKey);
}

export async function remove(storageKey: string): Promise<void> {
  await (await driver()).delete(storageKey);
}

/** True when the key lies under the company's own prefix (a second check besides row-level security). */
export function belongsTo(storageKey: string, companyId: string): boolean {
  return storageKey.startsWith(`${companyId}/`);
}

// ── attachment rows ──────────────────────────────────────────────────────────────────────────

/** What every API returns about an attachment: never the storage key. */
export function present(a: Attachment) {
  return {
    id: a.id,
    kind: a.kind,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    createdAt: a.createdAt,
    url: `/api/attachments/${a.id}`,
  };
}
export type AttachmentView = ReturnType<typeof present>;

/**
 * Checks and stores an uploaded file and records it as a pending attachment of the uploader
 * (scope.actor.id). If the surrounding transaction rolls back the bytes stay behind without a
 * row; purgeOrphans() cannot see those, but they are never served either (no row, no download).
 */
export async function upload(scope: Scope, file: IncomingFile, kind: AttachmentKind = "FILE"): Promise<AttachmentView> {
  const { fileName, contentType } = validateUpload(file);
  const stored = await put(scope.companyId, { fileName, contentType, bytes: file.bytes });
  const row = await scope.tx.attachment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      kind,
      fileName,
      contentType,
      ...stored,
      uploadedById: scope.actor.id ?? null,
    },
  });
  return present(row);
}

/** A pending upload: hanging on nothing yet (a company logo hangs on the company itself). */
const UNLINKED = {
  ticketId: null,
  commentId: null,
  workOrderId: null,
  transferProofId: null,
  kind: { not: "LOGO" },
} as const;

export type AttachmentParent =
  | { ticketId: string; commentId?: string | null }
  | { workOrderId: string }
  | { transferProofId: string }
  | { companyLogo: true };

/**
 * Links pending uploads of `uploaderId` to a ticket (and reply) or a work order. An id that is
 * not a pending upload of this person (another person's, already linked, another company's) is
 * refused as a whole, so a reply never goes out with half its files.
 */
export async function link(
  scope: Scope,
  ids: readonly string[],
  parent: AttachmentParent,
  uploaderId: string | null,
): Promise<AttachmentView[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const pending = await scope.tx.attachment.findMany({
    where: { id: { in: unique }, uploadedById: uploaderId, ...UNLINKED },
  });
  if (pending.length !== unique.length) {
    throw new Invalid(
      "An attached file is no longer available (it was already used or has expired). Remove it and attach it again.",
      { attachmentIds: "Attach the file again." },
    );
  }
  const data =
    "workOrderId" in parent
      ? { workOrderId: parent.workOrderId }
      : "transferProofId" in parent
        ? { transferProofId: parent.transferProofId }
        : "companyLogo" in parent
          ? { kind: "LOGO" as const }
          : { ticketId: parent.ticketId, commentId: parent.commentId ?? null };
  await scope.tx.attachment.updateMany({ where: { id: { in: unique } }, data });
  return pending.map((a) => present({ ...a, ...data } as Attachment));
}

/** The attachments of one work order (optionally of one kind), oldest first. */
export async function attachmentsOf(
  scope: Scope,
  parent: { workOrderId: string },
  where: { kind?: AttachmentKind; id?: string | { not: string } } = {},
): Promise<Attachment[]> {
  return scope.tx.attachment.findMany({
    where: { ...where, workOrderId: parent.workOrderId },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Deletes a linked attachment its owner has let go of (a replaced signature, a removed photo).
 * The row is what serves the file, so the bytes are removed after it and a failure to remove
 * them only leaves an unreferenced object behind.
 */
export async function deleteLinked(scope: Scope, a: Pick<Attachment, "id" | "storageKey">): Promise<void> {
  await scope.tx.attachment.delete({ where: { id: a.id } });
  await remove(a.storageKey).catch(() => undefined);
}

/** A pending upload the person changed their mind about: the row and the bytes go. */
export async function discardPending(scope: Scope, id: string, uploaderId: string): Promise<void> {
  const row = await scope.tx.attachment.findFirst({
    where: { id, uploadedById: uploaderId, ...UNLINKED },
  });
  if (!row) return;
  await scope.tx.attachment.delete({ where: { id } });
  await remove(row.storageKey);
}

/**
 * Pending uploads older than `olderThanMs` (default a day): the form was abandoned. The rows go
 * first, in their own transaction; the bytes only once that has committed, so a failure never
 * leaves a row pointing at a deleted file (at worst an unreferenced file, retried next night).
 */
export async function purgeAbandoned(
  companyId: string,
  { olderThanMs = 86_400_000, now = new Date() } = {},
): Promise<{ removed: number }> {
  const keys = await withTenant(companyId, async (tx) => {
    const rows = await tx.attachment.findMany({
      where: {
        ...UNLINKED,
        createdAt: { lt: new Date(now.getTime() - olderThanMs) },
      },
      select: { id: true, storageKey: true },
      take: 1000,
    });
    if (rows.length) await tx.attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    return rows.map((r) => r.storageKey);
  });
  for (const key of keys)
    await remove(key).catch((err) => log.error({ err, key }, "could not remove an abandoned upload"));
  return { removed: keys.length };
}

/** The bytes of an attachment row, or null when the object is gone from storage. */
export async function open(
  a: Pick<Attachment, "storageKey" | "companyId">,
): Promise<ReadableStream<Uint8Array> | null> {
  if (!belongsTo(a.storageKey, a.companyId)) return null;
  try {
    return await stream(a.storageKey);
  } catch (err) {
    if (err instanceof MissingObject) return null;
    throw err;
  }
}
