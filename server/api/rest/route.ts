import type { z, ZodType } from "zod";
import { can, permissionsOf, TWO_FACTOR_REQUIRED_ROLES, type Permission } from "../../auth/permissions";
import { requestMeta } from "../../auth/request-meta";
import type { Role } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { env } from "../../lib/env";
import { Forbidden, type FieldErrors } from "../../lib/errors";
import { assertStorable } from "../../lib/storable-text";
import { slugFromHost } from "../../lib/urls";
import { verifyAccess } from "../../modules/auth/api-tokens";
import * as radiusKeys from "../../modules/radius/keys";
import * as sessions from "../../modules/auth/sessions";
import { findBySlug, type CompanyRef } from "../../modules/companies/service";
import type { Scope, Tenant } from "../../modules/scope";
import { BodyTooLarge, readBodyText } from "../body";
import { toRestError, type ErrorBody } from "../errors";
import { countTokenRequest } from "./token-limit";

// The one glue between a Next.js route handler and a domain service, for every REST endpoint.
// A definition says who may call it and what it accepts; defineRoute() does the rest in a fixed
// order: company from the Host header → bearer token (bound to that company, live session) →
// two-factor gate → permission → zod validation of params, query and body → the handler inside a
// tenant transaction (or, when it declares `transaction: "handler"`, opening its own) →
// `{ error: { code, message, fields } }` on any failure, never a stack.
// The returned function carries its definition (`.spec`), which openapi.ts turns into the
// OpenAPI document; server/api/rest/registry.ts lists every route so nothing is left out.
// It reads only the standard Request, so tests call it directly without a Next server.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/**
 * "radiusKey": a company's FreeRADIUS server, with a RADIUS server key; "pollerKey": a company's
 * SNMP poller, with a poller key (both server/modules/radius/keys.ts). Neither is accepted as the other.
 */
export type Auth = "none" | "bearer" | "radiusKey" | "pollerKey";
type Schema = ZodType | undefined;
type Out<S> = S extends ZodType ? z.output<S> : undefined;

/** What a handler may return where the wire has a string: dates are serialised to ISO strings. */
type Wire<T> = T extends string
  ? string | Date
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
type Data<R> = R extends ZodType ? Wire<z.input<R>> : unknown;

/** A handler's answer with a status other than the route's default (e.g. a 503 health report). */
export class Reply<T = unknown> {
  constructor(
    readonly status: number,
    readonly data: T,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** An HTTP error with its own code, for answers that are not domain errors (TOTP_REQUIRED, …). */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "RestError";
  }
}

/** The caller behind a bearer token, read from the live session (role changes apply at once). */
export interface ApiViewer {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
  role: Role;
  permissions: Permission[];
  twoFactorEnabled: boolean;
}

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
}

interface BaseArgs<B, Q, P> {
  req: Request;
  meta: RequestInfo;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
}
/**
 * Where a bearer handler's database work runs. "request" (the default): inside one tenant
 * transaction the glue opens, handed over as `scope`. "handler": the handler opens its own (it gets
 * `tenant`, no `scope`), for work that must not sit inside a transaction, such as a payment
 * provider's call (a slow provider would hold a connection and its locks for as long as it takes).
 */
export type Transaction = "request" | "handler";
type HandlerArgs<A extends Auth, T extends boolean, B, Q, P, X extends Transaction = "request"> = BaseArgs<B, Q, P> &
  (T extends false ? { company: null } : { company: CompanyRef }) &
  (A extends "bearer"
    ? { viewer: ApiViewer } & (X extends "handler" ? { tenant: Tenant } : { scope: Scope })
    : unknown) &
  (A extends "radiusKey" ? { radiusKey: radiusKeys.RadiusKeyRef } : unknown) &
  (A extends "pollerKey" ? { pollerKey: radiusKeys.RadiusKeyRef } : unknown);

export type RouteDefinition<
  A extends Auth,
  T extends boolean,
  B extends Schema,
  Q extends Schema,
  P extends Schema,
  R extends Schema,
  X extends Transaction = "request",
> = {
  method: HttpMethod;
  /** OpenAPI path, e.g. `/api/users/{id}`; the route file lives at app/api/users/[id]/route.ts. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** "bearer": a signed-in integration holding `permission`; "none": anyone (say so explicitly). */
  auth: A;
  /** false for endpoints that also answer on the root domain and need no company (health, docs). Default true. */
  tenant?: T;
  /** Path parameters (from the route's [segments]), query string and JSON body; all validated with zod. */
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Request headers the handler reads itself from `req` (e.g. Idempotency-Key), documented as
   * header parameters; the handler checks them and answers a bad one with a clear error.
   */
  headers?: ZodType;
  /**
   * A hand-written check of `body` for a hot endpoint (RADIUS: thousands of requests a second),
   * cheaper than zod: the body when it is well-formed, undefined when not, and then zod parses it
   * as usual, so a bad body gets exactly zod's errors. It must accept nothing that `body` refuses.
   */
  fastBody?: (raw: unknown) => Out<B> | undefined;
  /** The success body. Documented, and enforced: the answer is parsed with it, so unknown fields are dropped. */
  response?: R;
  /**
   * A body the handler reads itself (from `req`), e.g. NDJSON or larger than the usual 1 MB: the
   * documented media types with their schemas and the ceiling (413 above it). Not with `body`.
   */
  rawBody?: RawBody;
  /** Success status (default 200; 204 sends no body). */
  status?: 200 | 201 | 202 | 204;
  /**
   * Error statuses the handler itself may answer, for the documentation, each with what it means
   * here (the glue's own 400/401/403/404/422 are added with their standard meaning).
   */
  errors?: Record<number, string>;
  /** Statuses answered with the same body as success, e.g. `{ 503: "Not ready" }` for health. */
  otherStatuses?: Record<number, string>;
  /** Content type(s) of a success answer that is not JSON (the handler then returns a Response). */
  produces?: string | readonly string[];
  operationId?: string;
  /** Who opens the transaction of a bearer handler (see Transaction); default "request". */
  transaction?: X;
  handler: (args: HandlerArgs<A, T, B, Q, P, X>) => Promise<Data<R> | Reply<Data<R>> | Response>;
} & (A extends "bearer" ? { permission: RoutePermission } : { permission?: undefined });

/**
 * What a bearer endpoint requires: one permission, or a list of which any one will do (the
 * tickets endpoints serve staff holding tickets:* and customers holding portal:access; the
 * handler then decides, by role, what the caller sees).
 */
export type RoutePermission = Permission | readonly [Permission, ...Permission[]];

/** True when the role holds the route's permission (any one of a list). */
export function holds(role: Role, permission: RoutePermission): boolean {
  return (typeof permission === "string" ? [permission] : permission).some((p) => can(role, p));
}

export interface RawBody {
  maxBytes: number;
  content: Record<string, ZodType>;
}

/** The definition as openapi.ts sees it. */
export interface RouteSpec {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: Auth;
  tenant: boolean;
  permission?: RoutePermission;
  params?: ZodType;
  query?: ZodType;
  headers?: ZodType;
  body?: ZodType;
  rawBody?: RawBody;
  response?: ZodType;
  status: number;
  errors: Record<number, string>;
  otherStatuses: Record<number, string>;
  produces: string | readonly string[];
  operationId?: string;
}

export interface RouteContext {
  params?: Promise<unknown> | unknown;
}
export type RestRoute = ((req: Request, ctx?: RouteContext) => Promise<Response>) & { spec: RouteSpec };

const INVALID_TOKEN = "The access token is invalid or expired. Sign in again or refresh it.";

export function defineRoute<
  A extends Auth,
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  R extends Schema = undefined,
  T extends boolean = true,
  X extends Transaction = "request",
>(def: RouteDefinition<A, T, B, Q, P, R, X>): RestRoute {
  if (def.auth === "bearer" && !def.permission)
    throw new Error(`${def.method} ${def.path}: a bearer endpoint must declare its permission`);
  if (def.auth !== "none" && def.tenant === false)
    throw new Error(`${def.method} ${def.path}: an authenticated endpoint always belongs to a company`);
  const spec: RouteSpec = {
    method: def.method,
    path: def.path,
    summary: def.summary,
    description: def.description,
    tags: def.tags,
    auth: def.auth,
    tenant: def.tenant !== false,
    permission: def.permission,
    params: def.params,
    query: def.query,
    headers: def.headers,
    body: def.body,
    rawBody: def.rawBody,
    response: def.response,
    status: def.status ?? 200,
    errors: def.errors ?? {},
    otherStatuses: def.otherStatuses ?? {},
    produces: def.produces ?? "application/json",
    operationId: def.operationId,
  };

  const route = async (req: Request, ctx?: RouteContext): Promise<Response> => {
    try {
      const meta = requestMeta(req.headers);
      // The raw input is checked for text PostgreSQL cannot store before anything else runs.
      const rawParams = (await ctx?.params) ?? {};
      const rawQuery = queryObject(new URL(req.url).searchParams);
      const rawBody = def.body ? await readJson(req) : undefined;
      for (const raw of [rawParams, rawQuery, rawBody]) assertStorable(raw);
      const company = spec.tenant ? await companyOf(req) : null;
      const viewer = def.auth === "bearer" ? await authenticate(req, company!, def.permission!) : null;
      const allowance = viewer ? await countTokenRequest(viewer.sessionId) : null;
      if (allowance && !allowance.allowed)
        throw new RestError(
          429,
          "RATE_LIMITED",
          `Too many requests with this access token: at most ${allowance.limit} a minute. Try again in ${allowance.resetSeconds} s.`,
          undefined,
          { ...allowance.headers, "Retry-After": String(allowance.resetSeconds) },
        );
      const radiusKey = def.auth === "radiusKey" ? await authenticateServerKey(req, company!, meta.ip, "RADIUS") : null;
      const pollerKey = def.auth === "pollerKey" ? await authenticateServerKey(req, company!, meta.ip, "POLLER") : null;
      const args = {
        req,
        meta,
        company,
        params: parseWith(def.params, rawParams),
        query: parseWith(def.query, rawQuery),
        body: def.body ? (def.fastBody?.(rawBody) ?? parseWith(def.body, rawBody)) : undefined,
      };
      const run = async (extra: object) =>
        toResponse(spec, await def.handler({ ...args, ...extra } as HandlerArgs<A, T, B, Q, P, X>));
      // A RADIUS handler's services open their own transactions (one per packet, with row locks).
      if (radiusKey) return await run({ radiusKey });
      if (pollerKey) return await run({ pollerKey });
      if (!viewer || !company) return await run({});
      const tenant: Tenant = {
        companyId: company.id,
        actor: { type: "API", id: viewer.userId, label: viewer.email, ip: meta.ip, userAgent: meta.userAgent },
      };
      // The handler's writes, its audit entries and the shaping of its answer commit or roll back
      // together, unless the handler opens its own transactions.
      const response =
        def.transaction === "handler"
          ? await run({ viewer, tenant })
          : await withTenant(company.id, (tx) => run({ viewer, scope: { tx, ...tenant } satisfies Scope }));
      for (const [name, value] of Object.entries(allowance?.headers ?? {})) response.headers.set(name, value);
      return response;
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { spec });
}

// ── the steps ────────────────────────────────────────────────────────────────────────────────

function hostOf(req: Request): string | null {
  return req.headers.get("host") ?? new URL(req.url).host;
}

async function companyOf(req: Request): Promise<CompanyRef> {
  const slug = slugFromHost(hostOf(req));
  if (!slug) {
    throw new RestError(
      404,
      "NOT_FOUND",
      `This endpoint is served on your company's address, e.g. ${env().APP_PROTOCOL}://your-isp.${env().ROOT_DOMAIN}${new URL(req.url).pathname}.`,
    );
  }
  const company = await findBySlug(slug);
  if (!company) throw new RestError(404, "NOT_FOUND", "No company at this address.");
  return company;
}

async function authenticate(req: Request, company: CompanyRef, permission: RoutePermission): Promise<ApiViewer> {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  if (!match)
    throw new RestError(401, "UNAUTHORIZED", "Send an access token in the Authorization header: `Bearer <token>`.");
  // One answer for forged, expired, revoked and other-company tokens: nothing to learn from it.
  const claims = await verifyAccess(match[1], company.id);
  const session = claims ? await sessions.validate(company.id, claims.sessionId) : null;
  if (!claims || !session || session.userId !== claims.userId || session.kind !== "API")
    throw new RestError(401, "UNAUTHORIZED", INVALID_TOKEN);
  const { user } = session;
  if (!user.totpEnabledAt && TWO_FACTOR_REQUIRED_ROLES.includes(user.role)) {
    throw new RestError(
      403,
      "TWO_FACTOR_ENROLMENT_REQUIRED",
      "Your role requires two-factor authentication. Set it up in the console first; this token works as soon as you have.",
    );
  }
  if (!holds(user.role, permission)) throw new Forbidden();
  return {
    userId: user.id,
    sessionId: session.id,
    email: user.email,
    name: user.name,
    role: user.role,
    permissions: permissionsOf(user.role),
    twoFactorEnabled: !!user.totpEnabledAt,
  };
}

const KEY_WORDS = {
  RADIUS: { what: "RADIUS server key", other: "a poller key: the RADIUS endpoints take a RADIUS server key" },
  POLLER: { what: "poller key", other: "a RADIUS server key: the SNMP ingest takes a poller key" },
} as const;

/**
 * A server key of the given use (a FreeRADIUS server's, a poller's), as `Authorization: Bearer
 * <key>` or (rlm_rest's `auth = 'basic'`) as the password of Basic authentication. One answer for
 * unknown, revoked and other-company keys; a key of the other use is refused with 401 saying so;
 * a key bound to other source addresses is refused with 403 (and logged).
 */
async function authenticateServerKey(
  req: Request,
  company: CompanyRef,
  source: string,
  use: "RADIUS" | "POLLER",
): Promise<radiusKeys.RadiusKeyRef> {
  const words = KEY_WORDS[use];
  const header = req.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  const presented =
    bearer ?? (basic ? Buffer.from(basic, "base64").toString("utf8").split(":").slice(1).join(":") : null);
  if (!presented)
    throw new RestError(401, "UNAUTHORIZED", `Send the ${words.what} in the Authorization header: \`Bearer <key>\`.`);
  const check = await radiusKeys.verify(company.id, presented, source, new Date(), use);
  if (!check.ok && check.reason === "source")
    throw new RestError(
      403,
      "FORBIDDEN",
      `This key is not accepted from ${source}. Add the address to the key's allowed sources in Settings → RADIUS servers.`,
    );
  if (!check.ok && check.reason === "use")
    throw new RestError(401, "UNAUTHORIZED", `This is ${words.other} (Settings → RADIUS servers).`);
  if (!check.ok)
    throw new RestError(
      401,
      "UNAUTHORIZED",
      `The ${words.what} is not valid here: it is unknown, revoked, or belongs to another company.`,
    );
  return check.key;
}

/** "A, B or C" */
function oneOf(values: readonly unknown[]): string {
  const words = values.map(String);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "");
}

/**
 * Sentences a person understands for what a schema says no more about (an integrator reads them
 * in `fields`, e.g. a list's filters and paging); messages written in a schema still take
 * precedence. Zod's own wording ("Too small: expected number to be >=1") never reaches the wire.
 */
export const restMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required.";
      if (issue.expected === "int") return "Use a whole number.";
      // A query string's "abc" read as a number is NaN.
      if (issue.expected === "number") return "Use a number.";
      return `Expected ${issue.expected}.`;
    case "invalid_value":
      return `Use ${oneOf(issue.values)}.`;
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const bound = Number(small ? issue.minimum : issue.maximum);
      const exact = (issue as { inclusive?: boolean }).inclusive !== false;
      if (issue.origin === "string")
        return small && bound === 1
          ? "Leave it out or give a value; it cannot be empty."
          : `Use ${small ? "at least" : "at most"} ${bound} characters.`;
      if (issue.origin === "array") return `Give ${small ? "at least" : "at most"} ${bound} values.`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return small
          ? `Use a number ${exact ? "of at least" : "greater than"} ${bound}.`
          : `Use a number ${exact ? "of at most" : "less than"} ${bound}.`;
      return undefined;
    }
    case "invalid_format":
      return issue.format === "date"
        ? "Use a date as YYYY-MM-DD."
        : issue.format === "datetime"
          ? "Use a date and time as ISO 8601, e.g. 2026-03-01T08:00:00Z."
          : `Use the ${issue.format} format.`;
    case "not_multiple_of":
      return issue.divisor === 1 ? "Use a whole number." : `Use a multiple of ${issue.divisor}.`;
    case "unrecognized_keys":
      return `Leave out ${oneOf(issue.keys)}: ${issue.keys.length > 1 ? "they are" : "it is"} not accepted here.`;
    default:
      return undefined;
  }
};

function parseWith<S extends Schema>(schema: S, value: unknown): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value, { error: restMessages });
  if (!result.success) throw result.error;
  return result.data as Out<S>;
}

/** `?a=1&b=2&b=3` → `{ a: "1", b: ["2", "3"] }`; query schemas coerce from strings. */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

async function readJson(req: Request): Promise<unknown> {
  let text: string;
  try {
    text = await readBodyText(req);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new RestError(413, "PAYLOAD_TOO_LARGE", err.message);
    throw err;
  }
  // An empty body is an empty object, so the answer names each missing field.
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new RestError(400, "BAD_REQUEST", "The request body is not valid JSON.");
  }
}

// ── answers ──────────────────────────────────────────────────────────────────────────────────

const BASE_HEADERS = { "cache-control": "no-store" } as const;

// Answers' bodies as UTF-8 bytes, also kept beside the Response for our own HTTP server
// (server/http/direct.ts), which writes them as they are instead of reading the Response's
// stream back. Handed a string, a Response checks it for lone surrogates in JavaScript before
// encoding it (JSON.stringify never leaves one), about a twentieth of a RADIUS batch's CPU for
// its 300 kB answer.
const utf8 = new TextEncoder();
// On globalThis, for the same reason as the held request bodies (server/api/body.ts).
const shared = globalThis as unknown as { lastmileAnswerBytes?: WeakMap<Response, Uint8Array> };
const answerBytes = (shared.lastmileAnswerBytes ??= new WeakMap());

/** The body of a jsonResponse() answer as bytes (undefined for any other Response). */
export const bytesOfAnswer = (res: Response): Uint8Array | undefined => answerBytes.get(res);

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const bytes = utf8.encode(JSON.stringify(body));
  const res = new Response(bytes, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...BASE_HEADERS, ...headers },
  });
  answerBytes.set(res, bytes);
  return res;
}

function toResponse(spec: RouteSpec, result: unknown): Response {
  if (result instanceof Response) return result;
  const reply = result instanceof Reply ? result : new Reply(spec.status, result);
  if (reply.status === 204) return new Response(null, { status: 204, headers: { ...BASE_HEADERS, ...reply.headers } });
  // Shape the answer as it will travel (dates as ISO strings), then hold it to the contract.
  let data: unknown = reply.data === undefined ? null : JSON.parse(JSON.stringify(reply.data));
  if (spec.response) {
    const parsed = spec.response.safeParse(data);
    if (!parsed.success)
      throw new Error(
        `${spec.method} ${spec.path}: answer does not match its response schema: ${parsed.error.message}`,
      );
    data = parsed.data;
  }
  return jsonResponse(data, reply.status, reply.headers);
}

export function errorResponse(err: unknown): Response {
  const { status, body }: { status: number; body: ErrorBody } =
    err instanceof RestError
      ? { status: err.status, body: { error: { code: err.code, message: err.message, fields: err.fields } } }
      : toRestError(err);
  const headers: Record<string, string> = {
    ...(status === 401 ? { "www-authenticate": 'Bearer realm="lastmile"' } : {}),
    ...(err instanceof RestError ? err.headers : {}),
  };
  return jsonResponse(body, status, headers);
}
