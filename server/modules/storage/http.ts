import type { Role } from "../../db/generated/prisma/enums";
import type { Permission } from "../../auth/permissions";
import { requestMeta } from "../../auth/request-meta";
import { toRestError } from "../../api/errors";
import { withTenant } from "../../db/tenant";
import type { CompanyRef } from "../companies/service";
import type { Scope } from "../scope";
import { mayDownload, type AttachmentOwners } from "./access";
import { ALLOWED_TYPES, MAX_ATTACHMENT_BYTES } from "./schema";
import * as storage from "./service";

// The attachment routes (app/api/attachments, app/api/attachments/[id]). The console and portal
// send files from the browser, so these ride on the signed-in session (like the voucher sheet
// download) and answer like the REST API: { error: { code, message, fields } }.

/** Who is calling: the session viewer (or an API viewer) of the route's company. */
export interface FileViewer {
  userId: string;
  companyId: string;
  email: string;
  role: Role;
  permissions: readonly Permission[];
  mustEnrolTwoFactor?: boolean;
}

const NO_STORE = { "Cache-Control": "no-store" } as const;

function problem(status: number, code: string, message: string, fields?: Record<string, string>) {
  return Response.json(
    { error: fields ? { code, message, fields } : { code, message } },
    { status, headers: NO_STORE },
  );
}

function gate(company: CompanyRef | null, viewer: FileViewer | null): Response | null {
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  return null;
}

function scopeOf(company: CompanyRef, viewer: FileViewer, req: Request) {
  const meta = requestMeta(req.headers);
  return (tx: Scope["tx"]): Scope => ({
    tx,
    companyId: company.id,
    actor: { type: "USER", id: viewer.userId, label: viewer.email, ip: meta.ip, userAgent: meta.userAgent },
  });
}

// multipart overhead (boundaries, headers) on top of the file itself
const MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

/**
 * POST multipart/form-data with one `file` (and optionally `kind`: FILE, PHOTO or SIGNATURE):
 * checks and stores it as a pending upload of the signed-in person, 201 with its id. Any
 * signed-in staff member or customer may upload; linking it to a ticket or work order is what
 * needs the permission there.
 */
export async function uploadResponse(
  company: CompanyRef | null,
  viewer: FileViewer | null,
  req: Request,
): Promise<Response> {
  const refused = gate(company, viewer);
  if (refused) return refused;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (!Number.isFinite(declared)) return problem(411, "LENGTH_REQUIRED", "Send the file with a Content-Length header.");
  if (declared > MAX_REQUEST_BYTES) {
    const message = `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB, the most we accept for an attachment.`;
    return problem(413, "PAYLOAD_TOO_LARGE", message, { file: message });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return problem(400, "BAD_REQUEST", "Send the file as multipart/form-data in a field named `file`.");
  }
  const file = form.get("file");
  if (!file || typeof file === "string")
    return problem(422, "INVALID", "Choose a file to attach.", { file: "Choose a file to attach." });
  const kindField = form.get("kind");
  const kind = kindField === "PHOTO" || kindField === "SIGNATURE" ? kindField : "FILE";
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const view = await withTenant(company!.id, (tx) =>
      storage.upload(scopeOf(company!, viewer!, req)(tx), { fileName: file.name, contentType: file.type, bytes }, kind),
    );
    return Response.json(view, { status: 201, headers: NO_STORE });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: NO_STORE });
  }
}

/**
 * GET one attachment's bytes. 404 (never 403) for a file the caller may not see, so nothing is
 * learnt from guessing ids: another company's, an internal note's for a customer, a ticket a
 * field technician is not on. `owners` answer for the files on their records.
 */
export async function downloadResponse(
  company: CompanyRef | null,
  viewer: FileViewer | null,
  id: string,
  req: Request,
  owners: AttachmentOwners,
): Promise<Response> {
  const refused = gate(company, viewer);
  if (refused) return refused;
  const notFound = () => problem(404, "NOT_FOUND", "Attachment not found.");
  if (!id || id.length > 64) return notFound();
  try {
    const found = await withTenant(company!.id, async (tx) => {
      const scope = scopeOf(company!, viewer!, req)(tx);
      const row = await tx.attachment.findUnique({ where: { id } });
      if (!row || !(await mayDownload(scope, viewer!, row, owners))) return null;
      return row;
    });
    if (!found) return notFound();
    const body = await storage.open(found);
    if (!body) return problem(410, "GONE", "The file is no longer in storage. Ask the sender to attach it again.");
    // Images and PDFs open in the browser; everything else downloads. The type is one we checked
    // on upload, and nosniff + a sandbox keep a crafted file from running as a page of ours.
    const family = ALLOWED_TYPES[found.contentType]?.family;
    const inline = new URL(req.url).searchParams.get("download") !== "1" && (family === "image" || family === "pdf");
    const encoded = encodeURIComponent(found.fileName);
    return new Response(body, {
      headers: {
        "Content-Type": found.contentType,
        "Content-Length": String(found.sizeBytes),
        "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${found.fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encoded}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        "Cache-Control": "private, no-store",
        ETag: `"${found.sha256}"`,
      },
    });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: NO_STORE });
  }
}

/** DELETE a pending upload the person removed from their form (204); anything else is left alone. */
export async function discardResponse(
  company: CompanyRef | null,
  viewer: FileViewer | null,
  id: string,
  req: Request,
): Promise<Response> {
  const refused = gate(company, viewer);
  if (refused) return refused;
  if (!id || id.length > 64) return new Response(null, { status: 204, headers: NO_STORE });
  try {
    await withTenant(company!.id, (tx) =>
      storage.discardPending(scopeOf(company!, viewer!, req)(tx), id, viewer!.userId),
    );
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: NO_STORE });
  }
}
