import { expect } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter } from "../api/root";
import { fieldsOf } from "../api/errors";
import type { Meta } from "../api/trpc";
import { withTenant } from "../db/tenant";
import type { FieldErrors } from "../lib/errors";

// Helpers for tests that walk the tRPC router or look at what a user would see of a failure.

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: Meta | undefined;
}

/** Every procedure of a router (by default the app's), by dotted path ("users.get"). */
export function listProcedures(of: { _def: { procedures: unknown } } = appRouter): ProcedureInfo[] {
  // At run time tRPC keeps a flat map keyed by dotted path (its declared type is the nested record).
  const procedures = of._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureInfo["type"]; meta?: Meta } }
  >;
  return Object.entries(procedures)
    .map(([path, p]) => ({ path, type: p._def.type, meta: p._def.meta }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls a procedure of a caller by its dotted path. */
export function callPath(caller: object, path: string, input?: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

export interface Failure {
  code: TRPCError["code"];
  message: string;
  fields?: FieldErrors;
}

/** The error a call failed with, as the client sees it (code, message, form fields). Throws if it succeeded. */
export async function failure(promise: Promise<unknown>): Promise<Failure> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const fields = fieldsOf(err.cause);
    return fields ? { code: err.code, message: err.message, fields } : { code: err.code, message: err.message };
  }
  throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(result)?.slice(0, 300)}`);
}

/** Asserts that the call fails with `code`; the failure is returned for further checks. */
export async function expectFailure(promise: Promise<unknown>, code: TRPCError["code"]): Promise<Failure> {
  const f = await failure(promise);
  expect(f.code, f.message).toBe(code);
  return f;
}

/** Either "ok" or the failure, for tables of outcomes. */
export async function outcome(promise: Promise<unknown>): Promise<"ok" | Failure> {
  try {
    await promise;
    return "ok";
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    return { code: err.code, message: err.message };
  }
}

/** The message protectedProcedure answers when the role lacks the permission. */
export const PERMISSION_DENIED = "You do not have permission to do that.";

/** The company's outbox (what super admins read, secrets masked), newest first. */
export function outboxOf(companyId: string) {
  return withTenant(companyId, (tx) => tx.outboundEmail.findMany({ orderBy: { createdAt: "desc" } }));
}
