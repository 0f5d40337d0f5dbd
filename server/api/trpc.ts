import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Permission } from "../auth/permissions";
import type { Viewer } from "../auth/viewer";
import { withTenant, withTenantRead, type Tx } from "../db/tenant";
import { assertStorable } from "../lib/storable-text";
import type { CompanyRef } from "../modules/companies/service";
import type { Scope, Tenant } from "../modules/scope";
import { fieldsOf, toTrpcError } from "./errors";

// The one place that builds tRPC procedures. Every procedure is either explicitly public or
// declares the permission it needs; the architecture test walks the router to enforce it.

export interface Context {
  company: CompanyRef | null;
  viewer: Viewer | null;
  ip: string | null;
  userAgent: string | null;
  /** This browser wrote a moment ago: read-only procedures read from the primary, not a replica (read-your-writes.ts). */
  primaryReads?: boolean;
}

export type Meta = { access: "public" } | { access: "permission"; permission: Permission; beforeTwoFactor?: boolean };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      return { ...shape, data: { ...shape.data, stack: undefined, fields: fieldsOf(error.cause) } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Rolls back the transaction when the procedure failed, then hands the failure on. */
class FailedResult extends Error {
  constructor(
    readonly result: unknown,
    cause?: unknown,
  ) {
    // The cause is kept so that withTenantRead can tell a replica that went away from a failed procedure.
    super("procedure failed", { cause });
  }
}

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTrpcError(result.error.cause ?? result.error);
  return result;
});

/** Input PostgreSQL cannot store is refused before anything else runs (server/lib/storable-text.ts). */
const checkedInput = t.procedure.use(async ({ getRawInput, next }) => {
  try {
    assertStorable(await getRawInput());
  } catch (err) {
    throw toTrpcError(err);
  }
  return next();
});

/** Anyone, signed in or not (sign-up, invitation pages). Each must say so explicitly. */
export const publicProcedure = checkedInput.meta({ access: "public" }).use(mapErrors);

/** The signed-in user of this subdomain's company holding `permission`, or a tRPC error. */
const permitted = (permission: Permission, options: { beforeTwoFactor?: boolean }) =>
  checkedInput
    .meta({ access: "permission", permission, beforeTwoFactor: options.beforeTwoFactor })
    .use(async ({ ctx, meta, next }) => {
      const { company, viewer } = ctx;
      if (!company || !viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
      // A session of one company is never valid on another company's subdomain (replayed cookie/token).
      if (viewer.companyId !== company.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
      if (viewer.mustEnrolTwoFactor && !(meta?.access === "permission" && meta.beforeTwoFactor)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "Set up two-factor authentication first." });
      }
      if (!viewer.permissions.includes(permission))
        throw new TRPCError({ code: "FORBIDDEN", message: "You do not have permission to do that." });
      const tenant: Tenant = {
        companyId: company.id,
        actor: { type: "USER", id: viewer.userId, label: viewer.email, ip: ctx.ip, userAgent: ctx.userAgent },
      };
      return next({ ctx: { company, viewer, tenant } });
    });

/**
 * Like protectedProcedure, but the handler gets the company and actor (`ctx.tenant`) and no
 * transaction: for the few handlers that call an outside service (a payment provider) and open
 * their own short transactions around that call, so a slow provider never holds one.
 */
export function protectedProcedureOutsideTransaction(permission: Permission) {
  return permitted(permission, {}).use(mapErrors);
}

/**
 * A signed-in user of this subdomain's company holding `permission`. The handler runs in one
 * transaction scoped to the company (RLS), with the audit actor filled in.
 */
export function protectedProcedure(permission: Permission, options: { beforeTwoFactor?: boolean } = {}) {
  return inTransaction(permission, options, (companyId, fn) => withTenant(companyId, fn));
}

/**
 * protectedProcedure for read-only work (lists, reports, dashboards): the handler's transaction is
 * READ ONLY and runs on a read replica when DATABASE_REPLICA_URL names one, with the same RLS
 * scoping (server/db/tenant.ts withTenantRead). A browser that wrote a moment ago reads from the
 * primary (ctx.primaryReads). A handler here that writes fails ("read-only transaction").
 */
export function protectedReadProcedure(permission: Permission) {
  return inTransaction(permission, {}, (companyId, fn, ctx) =>
    withTenantRead(companyId, fn, { primary: ctx.primaryReads }),
  );
}

function inTransaction(
  permission: Permission,
  options: { beforeTwoFactor?: boolean },
  open: <T>(companyId: string, fn: (tx: Tx) => Promise<T>, ctx: Context) => Promise<T>,
) {
  return permitted(permission, options)
    .use(async ({ ctx, next }) => {
      const { company, viewer, tenant } = ctx;
      const run = (scope: Scope) => next({ ctx: { company, viewer, scope } });
      try {
        return await open(
          company.id,
          async (tx) => {
            const result = await run({ tx, ...tenant });
            if (!result.ok) throw new FailedResult(result, result.error.cause ?? result.error);
            return result;
          },
          ctx,
        );
      } catch (err) {
        if (err instanceof FailedResult) return err.result as Awaited<ReturnType<typeof run>>;
        throw err;
      }
    })
    .use(mapErrors);
}
