import { z } from "zod";

// The JSON that FreeRADIUS 3's rlm_rest speaks (`body = 'json'`), in both directions.
//
// Request: every attribute of the RADIUS packet, by name, with its type and values:
//   {"User-Name":{"type":"string","value":["acc42"]},"Acct-Input-Octets":{"type":"integer","value":[1200]},
//    "Acct-Status-Type":{"type":"integer","value":["Interim-Update"]}, ...}
// Enumerated values come as their names ("Interim-Update"), numbers as JSON numbers, dates as
// text. (Measured with FreeRADIUS 3.2.1; the shipped mods-available/rest documents the format.)
//
// Reply: attributes to add, "<list>:<Attribute>" → {op, value, do_xlat}. Without a list prefix
// rlm_rest writes to the reply list; the password to compare goes to the control list. do_xlat
// is switched off on every value: rlm_rest would otherwise expand "%{...}" inside a value, and a
// value is data (a password, a message), never a template.
//
// What the HTTP status means to rlm_rest (authorize): 200 with a body → ok/updated, 204 → ok,
// 401 → reject (the body is still read, so a Reply-Message reaches the subscriber), 404/410 →
// notfound, 403 → userlock, other 4xx → invalid, 5xx → fail. In accounting and post-auth only
// 2xx is success; anything else fails the section (post-auth then turns the Accept into a Reject).

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const rlmRestRequestSchema = z
  .record(
    z.string().min(1).max(128),
    z.union([
      z.object({
        type: z.string().optional().describe("The attribute's data type in FreeRADIUS's dictionary."),
        value: z.union([scalar, z.array(scalar)]).describe("The attribute's values (rlm_rest always sends an array)."),
      }),
      scalar,
    ]),
  )
  .describe(
    'The RADIUS request as FreeRADIUS rlm_rest sends it with `body = \'json\'`: each attribute by name, e.g. `{"User-Name": {"type": "string", "value": ["acc42"]}}`. A plain `{"User-Name": "acc42"}` is accepted too.',
  );

export type RlmRestRequest = z.infer<typeof rlmRestRequestSchema>;

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";

/**
 * The same check as rlmRestRequestSchema, written out: every request from FreeRADIUS passes
 * through it, and zod's generic record/union parsing cost more than the rest of an accounting
 * packet's handling. The body when it is well-formed, else undefined (the route then lets zod
 * name what is wrong). Extra keys inside an attribute are left in place; attributesOf ignores them.
 */
export function rlmRestRequestOf(raw: unknown): RlmRestRequest | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const body = raw as Record<string, unknown>;
  for (const name of Object.keys(body)) {
    if (name.length < 1 || name.length > 128) return undefined;
    const entry = body[name];
    if (isScalar(entry)) continue;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return undefined;
    const { type, value } = entry as { type?: unknown; value?: unknown };
    if (type !== undefined && typeof type !== "string") return undefined;
    if (isScalar(value)) continue;
    if (!Array.isArray(value) || !value.every(isScalar)) return undefined;
  }
  return body as RlmRestRequest;
}

/** Attribute name (lower case) → its first value as text. RADIUS attribute names are case-insensitive. */
export function attributesOf(body: RlmRestRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(body)) {
    const raw = typeof entry === "object" ? entry.value : entry;
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first === undefined || first === null) continue;
    out.set(name.toLowerCase(), String(first));
  }
  return out;
}

export interface RlmRestItem {
  /** control: for FreeRADIUS itself (the password to check); reply: sent to the NAS. */
  list: "control" | "reply";
  attribute: string;
  op: string;
  value: string;
}

const replyValue = z.object({
  op: z.string().describe('How rlm_rest adds the attribute: ":=" replaces, "+=" adds another instance.'),
  value: z.union([z.string(), z.array(z.string())]),
  do_xlat: z.literal(false).describe("Values are never expanded by FreeRADIUS."),
});

export const rlmRestReplySchema = z
  .record(z.string(), replyValue)
  .describe(
    'Attributes for FreeRADIUS to add, as "<list>:<Attribute>": `control:` items are for FreeRADIUS itself (the password it checks), `reply:` items go to the NAS.',
  );

export type RlmRestReply = z.infer<typeof rlmRestReplySchema>;

/** The answer body for rlm_rest. Several values of one attribute become one entry with "+=". */
export function encodeReply(items: readonly RlmRestItem[]): RlmRestReply {
  const grouped = new Map<string, RlmRestItem[]>();
  for (const item of items) {
    const key = `${item.list}:${item.attribute}`;
    grouped.set(key, [...(grouped.get(key) ?? []), item]);
  }
  const out: RlmRestReply = {};
  for (const [key, group] of grouped) {
    out[key] =
      group.length === 1
        ? { op: group[0].op, value: group[0].value, do_xlat: false }
        : { op: "+=", value: group.map((g) => g.value), do_xlat: false };
  }
  return out;
}

/** A refusal that the subscriber's device can show: Reply-Message in the Access-Reject. */
export function rejectReply(message: string): RlmRestReply {
  return encodeReply([{ list: "reply", attribute: "Reply-Message", op: ":=", value: message }]);
}
