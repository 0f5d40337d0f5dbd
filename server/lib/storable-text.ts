import { Invalid } from "./errors";

// PostgreSQL text cannot hold the NUL character (U+0000): a string with one fails deep in the
// database with error 22021, a 500. Every entry point checks its raw input here first (tRPC
// procedures, REST params, query strings and bodies), so such input is a 422 naming the field.

/** The path (`a.b.0`) of the first string or key holding NUL, or null when there is none. */
export function nulPath(value: unknown, path: string[] = []): string | null {
  // The path is built only once a NUL is found: this runs on every request body, and nearly all have none.
  const found = nulSteps(value);
  return found === null ? null : [...path, ...found].join(".") || "_";
}

function nulSteps(value: unknown): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? [] : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulSteps(value[i]);
      if (found) return [String(i), ...found];
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (key.includes("\u0000")) return [key.replaceAll("\u0000", "\\0")];
      const found = nulSteps((value as Record<string, unknown>)[key]);
      if (found) return [key, ...found];
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
