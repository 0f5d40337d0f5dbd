import { createHmac, hkdfSync } from "node:crypto";
import { env } from "./env";

// A blind index lets staff find a record by an identifier that is stored only sealed (a tax id,
// an ID document number): next to the sealed value we keep an HMAC-SHA256 of the normalised
// value, and a search computes the same HMAC of what was typed and compares. Exact match only:
// the HMAC of a part says nothing about the whole.
//
// The HMAC key is derived from APP_ENCRYPTION_KEY with its own label (HKDF), so it is not the
// sealing key and one cannot be computed from the other. Each HMAC also covers the company and
// the field, so the same number at two ISPs, or as one customer's tax id and another's ID
// document, gives unrelated values: the column tells a reader of the database nothing about
// which rows share a number across companies or fields.

const LABEL = "lastmile blind index v1";

let cached: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = env().APP_ENCRYPTION_KEY;
  if (cached?.secret !== secret) cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "", LABEL, 32)) };
  return cached.key;
}

/**
 * What makes two spellings of one identifier the same: Unicode compatibility forms folded, case
 * ignored, and spaces, dashes, dots and slashes dropped ("ab-12 345/6" is "AB123456").
 */
export function normaliseIdentifier(value: string): string {
  return value
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015./]/g, "");
}

/**
 * The blind index of `value` for one field of one company (hex), or null when the value is
 * empty once normalised (nothing to find it by).
 */
export function blindIndex(companyId: string, field: string, value: string | null | undefined): string | null {
  const normalised = value ? normaliseIdentifier(value) : "";
  if (!normalised) return null;
  return createHmac("sha256", key()).update(`${companyId}\0${field}\0${normalised}`).digest("hex");
}
