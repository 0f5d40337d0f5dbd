import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { isDatabaseUnavailable, markDatabaseDown, UNAVAILABLE_MESSAGE } from "../db/availability";
import { DomainError, type FieldErrors } from "../lib/errors";
import { log } from "../lib/log";

// One mapping from domain errors to HTTP and tRPC, so every entry point answers alike.

export const HTTP_STATUS: Record<DomainError["code"], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  CONFLICT: 409,
  INVALID: 422,
  TOO_MANY_REQUESTS: 429,
};

const TRPC_CODE: Record<DomainError["code"], TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INVALID: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

export function zodFields(err: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: FieldErrors };
}

/** REST: status and `{ error: { code, message, fields } }`; unknown errors are logged, never shown. */
export function toRestError(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DomainError)
    return {
      status: HTTP_STATUS[err.code],
      body: { error: { code: err.code, message: err.message, fields: err.fields } },
    };
  // Input that does not match its schema is 400, as tRPC answers it; 422 is for a rule of the
  // domain that refuses well-formed input (Invalid).
  if (err instanceof ZodError)
    return {
      status: 400,
      body: { error: { code: "INVALID", message: "Some fields are not valid.", fields: zodFields(err) } },
    };
  if (isDatabaseUnavailable(err)) {
    markDatabaseDown(err);
    return { status: 503, body: { error: { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE } } };
  }
  log.error({ err }, "request failed");
  return {
    status: 500,
    body: { error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } },
  };
}

export function toTrpcError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  if (err instanceof DomainError) return new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
  if (err instanceof ZodError)
    return new TRPCError({ code: "BAD_REQUEST", message: "Some fields are not valid.", cause: err });
  if (isDatabaseUnavailable(err)) {
    markDatabaseDown(err);
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: err });
  }
  log.error({ err }, "request failed");
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong on our side. Please try again.",
  });
}

/** The fields of a tRPC error's cause, for forms. */
export function fieldsOf(err: unknown): FieldErrors | undefined {
  if (err instanceof DomainError) return err.fields;
  if (err instanceof ZodError) return zodFields(err);
  return undefined;
}
