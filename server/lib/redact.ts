// Erasure (right to be forgotten) keeps records and removes the person from them. Each module
// anonymises its own rows with these pieces, so every table says "[erased]" / "[redacted]" the
// same way; the audit trail does the same in SQL (lastmile_redact_text in the migrations).

/** What replaces a whole field written by or only about the erased person. */
export const ERASED = "[erased]";
/** What replaces a personal value found inside other text (a staff note, a ticket subject). */
export const REDACTED = "[redacted]";

/** Shorter values would blank ordinary words ("Al" inside "Also"); the SQL side uses the same bound. */
const MIN_LENGTH = 3;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

/**
 * The personal values to look for, longest first (so "Neema Achieng" goes before "Neema"),
 * distinct case-insensitively, without blanks and too-short ones.
 */
export function personalValues(values: readonly (string | null | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const t = v?.trim();
    if (t && t.length >= MIN_LENGTH && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()].sort((a, b) => b.length - a.length);
}

/** The text with every personal value (case-insensitive, taken literally) replaced by "[redacted]". */
export function redactText<T extends string | null | undefined>(text: T, values: readonly string[]): T {
  if (!text) return text;
  let out: string = text;
  for (const v of values) if (v.length >= MIN_LENGTH) out = out.replace(new RegExp(escapeRegExp(v), "gi"), REDACTED);
  return out as T;
}

/** True when redactText would change the text (so a module writes only rows that need it). */
export function mentions(text: string | null | undefined, values: readonly string[]): boolean {
  return !!text && redactText(text, values) !== text;
}
