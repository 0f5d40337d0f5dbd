// Typed domain errors. Services throw these; one mapper (server/api/errors.ts) turns them into
// tRPC errors and REST `{ error: { code, message, fields } }` responses.

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "FORBIDDEN" | "UNAUTHORIZED" | "CONFLICT" | "INVALID" | "TOO_MANY_REQUESTS",
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(what = "Record", message = `${what} not found.`) {
    super("NOT_FOUND", message);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "You do not have permission to do that.") {
    super("FORBIDDEN", message);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = "Please sign in.") {
    super("UNAUTHORIZED", message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, fields?: FieldErrors) {
    super("CONFLICT", message, fields);
  }
}
export class Invalid extends DomainError {
  constructor(message: string, fields?: FieldErrors) {
    super("INVALID", message, fields);
  }
}
export class TooManyRequests extends DomainError {
  constructor(message: string) {
    super("TOO_MANY_REQUESTS", message);
  }
}

/** True when a Prisma error is a unique-constraint violation (P2002). */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/**
 * Awaits a write (a query, or a function doing several) and turns a unique-constraint violation
 * into the caller's domain error. Services check for a clash first to answer with details; this
 * catches the concurrent writer that took the value between the check and the write, so it too
 * gets a 409 instead of a 500.
 */
export async function onUnique<T>(write: Promise<T> | (() => Promise<T>), conflict: () => DomainError): Promise<T> {
  try {
    return await (typeof write === "function" ? write() : write);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}
