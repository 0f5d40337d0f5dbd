import { Invalid, NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import * as storage from "../storage/service";
import { LOGO_TYPES, MAX_LOGO_BYTES, type LogoInput } from "./schema";
import { formatBytes } from "../storage/schema";
import * as settingsService from "./settings";

// The company's logo on invoices and statements. The file goes up through the storage module's
// upload route like any attachment (its content checked against its type there); saving it here
// makes it the logo: PNG or JPEG only (what the PDF renderer draws), small, and linked to the
// company so the nightly purge of abandoned uploads leaves it alone. The logo it replaces goes.

/** Makes a pending upload of the signed-in person the company's logo. */
export async function setLogo(scope: Scope, input: LogoInput) {
  const upload = await scope.tx.attachment.findUnique({ where: { id: input.attachmentId } });
  if (!upload || upload.uploadedById !== (scope.actor.id ?? null))
    throw new NotFound("Upload", "Upload the logo again.");
  if (!LOGO_TYPES.includes(upload.contentType as (typeof LOGO_TYPES)[number])) {
    const message = `"${upload.fileName}" is not a PNG or JPEG image: invoices can show only those.`;
    throw new Invalid(message, { file: message });
  }
  if (upload.sizeBytes > MAX_LOGO_BYTES) {
    const message = `"${upload.fileName}" is ${formatBytes(upload.sizeBytes)}; a logo can be at most ${formatBytes(MAX_LOGO_BYTES)}.`;
    throw new Invalid(message, { file: message });
  }
  const before = await settingsService.get(scope);
  await storage.link(scope, [upload.id], { companyLogo: true }, upload.uploadedById);
  await scope.tx.billingSettings.update({
    where: { companyId: scope.companyId },
    data: { logoAttachmentId: upload.id },
  });
  await dropOld(scope, before.logoAttachmentId);
  await audit.record(scope, {
    action: "billing.logo_set",
    entityType: "BillingSettings",
    entityId: scope.companyId,
    before: { logoAttachmentId: before.logoAttachmentId },
    after: { logoAttachmentId: upload.id, fileName: upload.fileName, sizeBytes: upload.sizeBytes },
  });
  return logo(scope);
}

export async function removeLogo(scope: Scope) {
  const before = await settingsService.get(scope);
  if (!before.logoAttachmentId) return null;
  await scope.tx.billingSettings.update({ where: { companyId: scope.companyId }, data: { logoAttachmentId: null } });
  await dropOld(scope, before.logoAttachmentId);
  await audit.record(scope, {
    action: "billing.logo_remove",
    entityType: "BillingSettings",
    entityId: scope.companyId,
    before: { logoAttachmentId: before.logoAttachmentId },
    after: { logoAttachmentId: null },
  });
  return null;
}

async function dropOld(scope: Scope, id: string | null) {
  if (!id) return;
  const old = await scope.tx.attachment.findUnique({ where: { id }, select: { id: true, storageKey: true } });
  if (old) await storage.deleteLinked(scope, old);
}

/** The logo's bytes for a PDF, or null (none set, or gone from storage: the PDF goes out without it). */
export async function logoImage(scope: Scope): Promise<{ data: Buffer; format: "png" | "jpg" } | null> {
  const settings = await scope.tx.billingSettings.findUnique({
    where: { companyId: scope.companyId },
    select: { logo: { select: { storageKey: true, contentType: true, companyId: true } } },
  });
  const file = settings?.logo;
  if (!file || !storage.belongsTo(file.storageKey, file.companyId)) return null;
  try {
    return {
      data: Buffer.from(await storage.get(file.storageKey)),
      format: file.contentType === "image/png" ? "png" : "jpg",
    };
  } catch (err) {
    if (err instanceof storage.MissingObject) return null;
    throw err;
  }
}

/** What the settings page shows: the file's name and the image inline (a logo is small). */
export async function logo(scope: Scope) {
  const settings = await scope.tx.billingSettings.findUnique({
    where: { companyId: scope.companyId },
    select: { logo: { select: { fileName: true, contentType: true, sizeBytes: true } } },
  });
  const image = await logoImage(scope);
  if (!settings?.logo || !image) return null;
  return {
    fileName: settings.logo.fileName,
    sizeBytes: settings.logo.sizeBytes,
    dataUrl: `data:${settings.logo.contentType};base64,${image.data.toString("base64")}`,
  };
}
