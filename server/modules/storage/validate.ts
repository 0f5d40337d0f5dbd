import { Invalid } from "../../lib/errors";
import { ALLOWED_TYPES, checkDeclared, type FileFamily } from "./schema";

// The server's check of an upload: the declared checks of schema.ts, then the first bytes of the
// file, because the name and type a browser sends are only what the sender claims. A "photo"
// that is really an HTML page or an executable is refused before it is stored.

export interface IncomingFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

const startsWith = (b: Uint8Array, sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The image type the bytes are, if any. */
function sniffImage(b: Uint8Array): string | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a") return "image/gif";
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return "image/webp";
  if (
    ascii(b, 4, 8) === "ftyp" &&
    ["heic", "heix", "hevc", "hevx", "mif1", "msf1", "heim", "heis"].includes(ascii(b, 8, 12))
  )
    return "image/heic";
  return null;
}

/** Plain text: valid UTF-8 (a BOM is fine) and no NUL bytes, which binaries are full of. */
function looksLikeText(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function contentMatches(family: FileFamily, contentType: string, b: Uint8Array): boolean {
  switch (family) {
    case "image":
      return sniffImage(b) === contentType;
    case "pdf":
      return ascii(b, 0, 5) === "%PDF-";
    case "text":
      return looksLikeText(b);
    case "office-zip":
      return startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
    case "office-legacy":
      return startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  }
}

/**
 * Refuses (Invalid, with a message a person can act on) a file that is too large, of a type we
 * do not accept, or whose content is not what its name and type say. Returns the name and type
 * to store.
 */
export function validateUpload(file: IncomingFile): { fileName: string; contentType: string } {
  const declared = checkDeclared({
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.bytes.byteLength,
  });
  if (!declared.ok) throw new Invalid(declared.message, { file: declared.message });
  const fileName = cleanFileName(file.fileName);
  const type = ALLOWED_TYPES[declared.contentType]!;
  if (!contentMatches(type.family, declared.contentType, file.bytes)) {
    const message = `"${fileName}" does not contain a ${type.label}: its content does not match its name and type, so it was not attached.`;
    throw new Invalid(message, { file: message });
  }
  return { fileName, contentType: declared.contentType };
}

/** The name as shown and sent back in downloads: no folders, no control characters or quotes. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return (
    base
      .replace(/[\u0000-\u001f\u007f"]/g, "")
      .trim()
      .slice(0, 200) || "file"
  );
}
