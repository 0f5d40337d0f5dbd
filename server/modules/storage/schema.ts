import { z } from "zod";

// What may be uploaded, as pure data and checks: the browser uses them to refuse a file before
// sending it, the server (validate.ts) applies them again and also reads the file's first bytes.

/** Largest attachment, in bytes (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** At most this many files on one ticket or reply. */
export const MAX_FILES_PER_UPLOAD = 5;

export type FileFamily = "image" | "pdf" | "text" | "office-zip" | "office-legacy";

/** Allowed types: content type → what its bytes must look like, and the extensions it may carry. */
export const ALLOWED_TYPES: Record<string, { label: string; family: FileFamily; extensions: string[] }> = {
  "image/jpeg": { label: "JPEG image", family: "image", extensions: ["jpg", "jpeg"] },
  "image/png": { label: "PNG image", family: "image", extensions: ["png"] },
  "image/gif": { label: "GIF image", family: "image", extensions: ["gif"] },
  "image/webp": { label: "WebP image", family: "image", extensions: ["webp"] },
  // Phones (iPhone cameras) save photos as HEIC: field technicians upload those.
  "image/heic": { label: "HEIC photo", family: "image", extensions: ["heic", "heif"] },
  "application/pdf": { label: "PDF document", family: "pdf", extensions: ["pdf"] },
  "text/plain": { label: "text file", family: "text", extensions: ["txt", "log"] },
  "text/csv": { label: "CSV file", family: "text", extensions: ["csv"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    label: "Word document",
    family: "office-zip",
    extensions: ["docx"],
  },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    label: "Excel workbook",
    family: "office-zip",
    extensions: ["xlsx"],
  },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    label: "PowerPoint presentation",
    family: "office-zip",
    extensions: ["pptx"],
  },
  "application/vnd.oasis.opendocument.text": { label: "OpenDocument text", family: "office-zip", extensions: ["odt"] },
  "application/vnd.oasis.opendocument.spreadsheet": {
    label: "OpenDocument spreadsheet",
    family: "office-zip",
    extensions: ["ods"],
  },
  "application/msword": { label: "Word 97 document", family: "office-legacy", extensions: ["doc"] },
  "application/vnd.ms-excel": { label: "Excel 97 workbook", family: "office-legacy", extensions: ["xls"] },
};

/** For the file picker's `accept` attribute. */
export const ACCEPT_ATTRIBUTE = Object.entries(ALLOWED_TYPES)
  .flatMap(([type, t]) => [type, ...t.extensions.map((e) => `.${e}`)])
  .join(",");

export const ALLOWED_SUMMARY =
  "images (JPEG, PNG, GIF, WebP, HEIC), PDF, text/CSV and office documents (Word, Excel, PowerPoint, OpenDocument)";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KB`;
  return `${Math.round(n / 104857.6) / 10} MB`;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

/** The content type an allowed extension implies, when the browser sent none or a generic one. */
export function typeForExtension(ext: string): string | null {
  for (const [type, t] of Object.entries(ALLOWED_TYPES)) if (t.extensions.includes(ext)) return type;
  return null;
}

/**
 * The checks that need no file content: size, name and declared type. Returns the content type
 * to store (declared, or implied by the extension) or the reason for refusing, in plain words.
 */
export function checkDeclared(file: {
  fileName: string;
  contentType: string;
  size: number;
}): { ok: true; contentType: string } | { ok: false; message: string } {
  const name = file.fileName.trim();
  if (!name) return { ok: false, message: "The file has no name." };
  if (name.length > 200) return { ok: false, message: "The file name is longer than 200 characters; rename the file." };
  if (file.size <= 0) return { ok: false, message: `"${name}" is empty.` };
  if (file.size > MAX_ATTACHMENT_BYTES)
    return {
      ok: false,
      message: `"${name}" is ${formatBytes(file.size)}; attachments can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`,
    };
  const ext = extensionOf(name);
  const declared = file.contentType.split(";")[0]!.trim().toLowerCase();
  const generic = !declared || declared === "application/octet-stream";
  const contentType = generic
    ? typeForExtension(ext)
    : declared === "image/heif"
      ? "image/heic"
      : declared === "image/jpg"
        ? "image/jpeg"
        : declared;
  const allowed = contentType ? ALLOWED_TYPES[contentType] : undefined;
  if (!contentType || !allowed)
    return { ok: false, message: `"${name}" is not a file type we accept. Attach ${ALLOWED_SUMMARY}.` };
  if (!allowed.extensions.includes(ext)) {
    return {
      ok: false,
      message: `"${name}" is sent as a ${allowed.label}, but its name ends in ${ext ? `.${ext}` : "no extension"}; use .${allowed.extensions[0]}.`,
    };
  }
  return { ok: true, contentType };
}

/** Ids of uploaded (not yet linked) attachments, sent with a new ticket or reply. */
export const attachmentIdsSchema = z
  .array(z.string().min(1).max(64))
  .max(MAX_FILES_PER_UPLOAD, `Attach at most ${MAX_FILES_PER_UPLOAD} files at a time.`)
  .default([]);
