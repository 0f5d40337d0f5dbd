import { z, type ZodType } from "zod";
import type { RestRoute, RouteSpec } from "./route";

// Builds the OpenAPI 3.1 document from the route definitions themselves (zod 4's own
// z.toJSONSchema), so the reference can never drift from what the endpoints accept.

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Array<Record<string, string[]>>;
  "x-permission"?: string;
  "x-tenant": boolean;
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> } | { $ref: string }
  >;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: Array<{
    url: string;
    description?: string;
    variables?: Record<string, { default: string; description?: string }>;
  }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    securitySchemes: Record<string, { type: "http"; scheme: "bearer"; bearerFormat: string; description: string }>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, { description: string; content: Record<string, { schema: JsonSchema }> }>;
  };
}

export interface OpenApiOptions {
  servers: OpenApiDocument["servers"];
  tags?: Array<{ name: string; description?: string }>;
  version?: string;
}

const ERRORS: Record<number, { name: string; description: string }> = {
  400: {
    name: "BadRequest",
    description:
      "Some fields do not match the schema, `fields` maps each to its message (code `INVALID`); or the body is not valid JSON (code `BAD_REQUEST`).",
  },
  401: {
    name: "Unauthorized",
    description:
      "No access token, or one that is forged, expired, revoked or issued by another company (code `UNAUTHORIZED`).",
  },
  403: {
    name: "Forbidden",
    description:
      "Your role lacks the permission (`FORBIDDEN`), or must enrol two-factor authentication first (`TWO_FACTOR_ENROLMENT_REQUIRED`).",
  },
  404: {
    name: "NotFound",
    description: "No company at this address, or no such record in your company (code `NOT_FOUND`).",
  },
  409: { name: "Conflict", description: "The change conflicts with existing data (code `CONFLICT`)." },
  413: { name: "PayloadTooLarge", description: "The body is larger than 1 MB (code `PAYLOAD_TOO_LARGE`)." },
  422: {
    name: "ValidationError",
    description:
      "Well-formed, but a rule refuses it (an illegal status move, a record that cannot be used here); `fields` names the fields concerned (code `INVALID`).",
  },
  429: {
    name: "TooManyRequests",
    description:
      "Too many attempts (code `TOO_MANY_REQUESTS`); or, with an access token, more requests than its limit per minute (code `RATE_LIMITED`; `Retry-After` says in how many seconds to try again, and every answer's `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` say where the token stands).",
  },
  500: {
    name: "InternalError",
    description: "Something went wrong on our side (code `INTERNAL`); nothing more is disclosed.",
  },
};

const SUCCESS: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" };

const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Stable, machine-readable.", examples: ["INVALID"] },
        message: {
          type: "string",
          description: "Human-readable; safe to show to a user.",
          examples: ["Some fields are not valid."],
        },
        fields: {
          type: "object",
          additionalProperties: { type: "string" },
          description: "For validation errors: the message for each invalid field (dotted path).",
          examples: [{ email: "Enter a valid e-mail address." }],
        },
      },
    },
  },
};

const INTRO = `JSON over HTTPS for integrations. Every company has its own address (\`https://{company}.<domain>\`) and every request is served for that company only.

**Authentication.** \`POST /api/auth/login\` with an e-mail and password (and the 6-digit code when two-factor authentication is on) returns a short-lived JWT access token and a refresh token. Send the access token as \`Authorization: Bearer <token>\`. Before it expires, exchange the refresh token at \`POST /api/auth/refresh\` for a new pair: each refresh token works once, and presenting one that was already used ends the whole session (every token issued from that sign-in), in case it was stolen. \`POST /api/auth/logout\` ends the session. Tokens are bound to the company that issued them and are refused on any other address.

**Errors.** Every error is \`{ "error": { "code", "message", "fields" } }\` with a matching HTTP status; \`fields\` names each invalid input. A record of another company, or one you may not see, is simply not found.`;

/** A zod schema as JSON Schema (2020-12, the dialect of OpenAPI 3.1), tidied for readers. */
export function jsonSchemaOf(schema: ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return tidy(json, io) as JsonSchema;
}

function tidy(node: unknown, io: "input" | "output"): unknown {
  if (Array.isArray(node)) return node.map((n) => tidy(n, io));
  if (!node || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = tidy(value, io);
  // zod's generated regexes for formats and its safe-integer bounds add noise, not information.
  if (out.format && out.pattern) delete out.pattern;
  if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
  if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
  // Answers may gain fields over time; clients should not reject them.
  if (io === "output" && out.additionalProperties === false) delete out.additionalProperties;
  return out;
}

export function operationIdOf(spec: RouteSpec): string {
  if (spec.operationId) return spec.operationId;
  const words = spec.path
    .replace(/^\/api\//, "")
    .split(/[/.\-_]/)
    .filter(Boolean)
    .map((w) => (w.startsWith("{") ? `By${w.slice(1, -1)}` : w));
  return [spec.method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join("");
}

function parametersOf(schema: ZodType | undefined, where: OpenApiParameter["in"]): OpenApiParameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, "input");
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(props).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description: String(description) } : {}),
      schema: rest,
    };
  });
}

export function errorStatusesOf(spec: RouteSpec): number[] {
  const statuses = new Set<number>(Object.keys(spec.errors).map(Number));
  if (spec.tenant) statuses.add(404);
  if (spec.auth === "bearer") [401, 403, 429].forEach((s) => statuses.add(s));
  if (spec.auth === "radiusKey" || spec.auth === "pollerKey") statuses.add(401);
  if (spec.body || spec.rawBody) [400, 413, 422].forEach((s) => statuses.add(s));
  if (spec.query || spec.params) statuses.add(400);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

function operationOf(spec: RouteSpec): OpenApiOperation {
  const permissions = spec.permission
    ? typeof spec.permission === "string"
      ? [spec.permission]
      : [...spec.permission]
    : [];
  const required =
    permissions.length > 1
      ? `Requires one of the permissions ${permissions.map((p) => `\`${p}\``).join(", ")}.`
      : `Requires permission \`${permissions[0]}\`.`;
  const notes = [spec.description, spec.auth === "bearer" ? required : null].filter(Boolean);
  const parameters = [
    ...parametersOf(spec.params, "path"),
    ...parametersOf(spec.query, "query"),
    ...parametersOf(spec.headers, "header"),
  ];
  const success =
    spec.status === 204
      ? { description: SUCCESS[204] }
      : {
          description: SUCCESS[spec.status] ?? "OK",
          content: Object.fromEntries(
            [spec.produces].flat().map((type) => [
              type,
              {
                schema: spec.response
                  ? jsonSchemaOf(spec.response, "output")
                  : type === "application/json"
                    ? { type: "object" }
                    : { type: "string" },
              },
            ]),
          ),
        };
  const responses: OpenApiOperation["responses"] = { [String(spec.status)]: success };
  for (const [status, description] of Object.entries(spec.otherStatuses))
    responses[status] = { ...success, description };
  for (const status of errorStatusesOf(spec)) {
    const own = spec.errors[status];
    responses[String(status)] = own
      ? { description: own, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }
      : { $ref: `#/components/responses/${ERRORS[status]?.name ?? "InternalError"}` };
  }
  return {
    operationId: operationIdOf(spec),
    summary: spec.summary,
    ...(notes.length ? { description: notes.join("\n\n") } : {}),
    tags: spec.tags,
    security:
      spec.auth === "bearer"
        ? [{ bearerAuth: [] }]
        : spec.auth === "radiusKey"
          ? [{ radiusKey: [] }]
          : spec.auth === "pollerKey"
            ? [{ pollerKey: [] }]
            : [],
    ...(permissions.length ? { "x-permission": permissions.join(" | ") } : {}),
    "x-tenant": spec.tenant,
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchemaOf(spec.body, "input") } },
          },
        }
      : spec.rawBody
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                Object.entries(spec.rawBody.content).map(([type, schema]) => [
                  type,
                  { schema: jsonSchemaOf(schema, "input") },
                ]),
              ),
            },
          }
        : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: RestRoute[], options: OpenApiOptions): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  const seen = new Set<string>();
  for (const { spec } of routes) {
    const key = `${spec.method} ${spec.path}`;
    if (seen.has(key)) throw new Error(`REST route defined twice: ${key}`);
    seen.add(key);
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operationOf(spec);
  }
  const described = new Map((options.tags ?? []).map((t) => [t.name, t]));
  const tagNames = [...new Set([...described.keys(), ...routes.flatMap((r) => r.spec.tags)])].filter((name) =>
    routes.some((r) => r.spec.tags.includes(name)),
  );
  const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "Lastmile API", version: options.version ?? "1.0.0", description: INTRO },
    servers: options.servers,
    tags: tagNames.map((name) => described.get(name) ?? { name }),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "The access token from POST /api/auth/login or /api/auth/refresh. Valid only on the address of the company that issued it.",
        },
        radiusKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "RADIUS server key",
          description:
            "A RADIUS server key (`lmr_…`) made in the console under Settings → RADIUS servers, for your FreeRADIUS server's rlm_rest module. Valid only on your company's address. Basic authentication with the key as the password is accepted too. A poller key is refused here.",
        },
        pollerKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "Poller key",
          description:
            'A poller key (`lmp_…`) made in the console under Settings → RADIUS servers ("SNMP poller"), for a poller that posts SNMP poll results. Valid only on your company\'s address. A RADIUS server key is refused here, and a poller key by the RADIUS endpoints.',
        },
      },
      schemas: { Error: errorSchema },
      responses: Object.fromEntries(
        Object.values(ERRORS).map((e) => [e.name, { description: e.description, content: errorContent }]),
      ),
    },
  };
}
