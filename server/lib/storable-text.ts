import { Invalid } from "./errors";

// PostgreSQL text cannot hold the NUL character (U+0000): a string with one fails deep in the
// database with error 22021, a 500. Every entry point checks its raw input here first (tRPC
// procedures, REST params, query strings and bodies), so such input is a 422 naming the field.

/** The path (`a.b.0`) of the first string or key holding NUL, or null when there is none. */
export function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_" : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\0")].join(".");
      const found = nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Throws Invalid (422) naming the field when `value` holds a NUL character anywhere. */
export function assertStorable(value: unknown): void {
  const field = nulPath(value);
  if (field === null) return;
  throw new Invalid("Text cannot contain the NUL character (\\u0000).", {
    [field]: "Contains a NUL character, which cannot be stored.",
  });
}
