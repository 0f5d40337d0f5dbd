import { z } from "zod";
import { BodyTooLarge, readBodyText } from "../../api/body";
import { defineRoute, jsonResponse, Reply, RestError, type RequestInfo } from "../../api/rest/route";
import { checkNas } from "../nas/known";
import type { Actor } from "../scope";
import * as access from "./access";
import { accountingPacket, account } from "./accounting";
import * as batch from "./batch";
import { Overloaded } from "./group-commit";
import type { RadiusKeyRef } from "./keys";
import {
  attributesOf,
  encodeReply,
  rejectReply,
  rlmRestReplySchema,
  rlmRestRequestOf,
  rlmRestRequestSchema,
} from "./rlm-rest";

// The endpoints FreeRADIUS's rlm_rest module calls (deploy/freeradius/ has the configuration):
// authorize before the password check, post-auth after a successful login, accounting for every
// Start/Interim-Update/Stop. They speak rlm_rest's JSON and status codes (see rlm-rest.ts); the
// company is the one whose address the server calls, the caller is a RADIUS server key.

const TAG = "RADIUS";

function actorOf(key: RadiusKeyRef, meta: RequestInfo): Actor {
  return { type: "API", id: key.id, label: `RADIUS server "${key.name}"`, ip: meta.ip, userAgent: meta.userAgent };
}

function accessRequest(attrs: Map<string, string>): access.AccessRequest | null {
  const username = attrs.get("user-name")?.trim();
  if (!username) return null;
  return {
    username,
    nasIp: attrs.get("nas-ip-address") ?? attrs.get("nas-ipv6-address") ?? null,
    callingStation: attrs.get("calling-station-id") ?? null,
  };
}

const NO_USER = "The request has no User-Name.";
const UNKNOWN_NAS =
  "Once the company has registered its NAS (Network → NAS), a request whose NAS-IP-Address (or NAS-IPv6-Address) is none of them, or that names no NAS, is refused and written to the audit log (`radius.unknown_nas`, the first per address each minute). A company with no NAS registered is not checked.";
const WRONG_SOURCE =
  "The RADIUS server key is bound to other source addresses (Settings → RADIUS servers); the refusal is in the audit log.";

export const authorize = defineRoute({
  method: "POST",
  path: "/api/radius/authorize",
  summary: "Authorize a RADIUS login",
  description:
    "FreeRADIUS asks whether `User-Name` (a PPPoE login or a hotspot voucher code) may go online. The answer gives FreeRADIUS the password to compare (`control:Cleartext-Password`: the PPPoE password, or the voucher's PIN or, without one, its code) and the attributes for the NAS (rate limit, session timeout, data quota, static IP), in the words of the registered NAS's vendor (`NAS-IP-Address`, Network → NAS): a MikroTik gets `Mikrotik-Rate-Limit` (with a bandwidth policy also `WISPr-Bandwidth-Max-Up`/`-Down` and `Mikrotik-Address-List`), a Cisco the speeds as two `Cisco-AVPair` (`ip:sub-qos-policy-in`/`-out`, bit/s), a generic NAS the WISPr maxima; `Mikrotik-*` attributes go to MikroTik only. A company with no NAS registered gets MikroTik's. Nothing changes here: a voucher's clock starts at post-auth, once the password was right. Two more control items tell FreeRADIUS (deploy/freeradius) what to do with the answer: `control:Lastmile-Fresh-Seconds`, how long it may answer this user's next logins from a copy without asking (RADIUS_FRESH_LOGIN_SECONDS for an ordinary PPPoE subscriber, 0 for vouchers and hard-capped subscribers), and `control:Lastmile-Report-Login`, 1 when post-auth must be called (vouchers).",
  tags: [TAG],
  auth: "radiusKey",
  body: rlmRestRequestSchema,
  fastBody: rlmRestRequestOf,
  response: rlmRestReplySchema,
  errors: {
    401: `Refused: a suspended, terminated or unknown subscriber, an expired or disabled voucher, or an unknown NAS. The body carries \`reply:Reply-Message\` for the subscriber's device (rlm_rest rejects the login). Or the RADIUS server key is not valid. ${UNKNOWN_NAS}`,
    403: WRONG_SOURCE,
    429: "Refused: this key and source address asked for more unknown usernames this minute than RADIUS_UNKNOWN_USERS_PER_MINUTE allows; every authorize from them is refused until the minute is over (rlm_rest: invalid, the login is rejected).",
  },
  handler: async ({ company, body, radiusKey, meta }) => {
    const req = accessRequest(attributesOf(body));
    if (!req) return new Reply(401, rejectReply(NO_USER));
    const actor = actorOf(radiusKey, meta);
    const nas = await checkNas(company.id, actor, req.nasIp ?? null);
    if (!nas.ok) return new Reply(401, rejectReply(nas.message));
    const answer = await access.authorize(company.id, actor, { ...req, nasVendor: nas.vendor });
    // Built from typed items (encodeReply), so the answer is sent as it is, without the response check.
    if (answer.accept) return jsonResponse(encodeReply([...answer.items, ...access.loginControl(answer)]));
    return new Reply(answer.limited ? 429 : 401, rejectReply(answer.message));
  },
});

export const postAuth = defineRoute({
  method: "POST",
  path: "/api/radius/post-auth",
  summary: "Record a successful RADIUS login",
  description:
    "FreeRADIUS tells us a login was accepted. A hotspot voucher's first login makes it ACTIVE and starts its time; calling again changes nothing. Answers 204; 401 with a Reply-Message when the voucher was disabled or ran out since authorize (rlm_rest then turns the Accept into a Reject).",
  tags: [TAG],
  auth: "radiusKey",
  body: rlmRestRequestSchema,
  fastBody: rlmRestRequestOf,
  response: rlmRestReplySchema,
  status: 204,
  errors: {
    401: `The voucher can no longer be used or the NAS is unknown (body: \`reply:Reply-Message\`), or the RADIUS server key is not valid. ${UNKNOWN_NAS}`,
    403: WRONG_SOURCE,
  },
  handler: async ({ company, body, radiusKey, meta }) => {
    const req = accessRequest(attributesOf(body));
    if (!req) return new Reply(401, rejectReply(NO_USER));
    const actor = actorOf(radiusKey, meta);
    const nas = await checkNas(company.id, actor, req.nasIp ?? null);
    if (!nas.ok) return new Reply(401, rejectReply(nas.message));
    const result = await access.postAuth(company.id, actor, req);
    return result.accept ? new Reply(204, {}) : new Reply(401, rejectReply(result.message));
  },
});

const BUSY =
  "The accounting queue is full (code `OVERLOADED`); nothing was stored. Retry after the `Retry-After` seconds: FreeRADIUS fails the section and the NAS sends the packet again.";

function busy(err: Overloaded) {
  return new Response(JSON.stringify({ error: { code: "OVERLOADED", message: err.message } }), {
    status: 503,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "retry-after": "1" },
  });
}

export const accounting = defineRoute({
  method: "POST",
  path: "/api/radius/accounting",
  summary: "Record RADIUS accounting",
  description:
    "Start, Interim-Update and Stop of a PPPoE or hotspot session. The counters are totals for the session; only what is new since the last report is added to the subscriber's daily usage (download = Acct-Output-Octets/Gigawords, upload = Acct-Input-Octets/Gigawords, as the NAS counts them) or to the voucher's data and time, so a packet sent twice is counted once. A voucher that reaches its allowance or its time expires. Accounting-On/Off closes the NAS's open sessions. Answers 204.",
  tags: [TAG],
  auth: "radiusKey",
  body: rlmRestRequestSchema,
  fastBody: rlmRestRequestOf,
  status: 204,
  errors: {
    403: `${WRONG_SOURCE} Or (code \`UNKNOWN_NAS\`) the NAS is not registered; nothing was stored. ${UNKNOWN_NAS}`,
    503: BUSY,
  },
  handler: async ({ company, body, radiusKey, meta }) => {
    const actor = actorOf(radiusKey, meta);
    const packet = accountingPacket(attributesOf(body));
    const nas = await checkNas(company.id, actor, packet.nasIp);
    if (!nas.ok) throw new RestError(403, "UNKNOWN_NAS", nas.message);
    try {
      await account(company.id, actor, packet);
    } catch (err) {
      if (err instanceof Overloaded) return busy(err);
      throw err;
    }
    return new Reply(204, undefined);
  },
});

const recordResult = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z
      .enum(["recorded", "duplicate", "ignored"])
      .describe(
        "recorded: stored; duplicate: changed nothing (sent before, or older than what is stored); ignored: a status that is not accounted (e.g. Failed).",
      ),
    sessionId: z.string().optional(),
    closed: z.number().int().optional().describe("Accounting-On/Off: the NAS's sessions it closed."),
  }),
  z.object({ outcome: z.literal("rejected"), reason: z.string() }),
]);

export const accountingBatch = defineRoute({
  method: "POST",
  path: "/api/radius/accounting/batch",
  summary: "Record RADIUS accounting in bulk",
  description: `Many accounting records at once, for forwarders (FreeRADIUS reading its detail file), replays after an outage and imports: NDJSON (\`application/x-ndjson\`, one rlm_rest record a line) or a JSON array of them, at most ${batch.MAX_BATCH_RECORDS.toLocaleString("en")} records and ${batch.MAX_BATCH_BYTES / 1_000_000} MB. Records are applied in their order with the same rules as POST /api/radius/accounting (a record sent twice counts once). The answer has one result per record, in the same order: recorded, duplicate, ignored, or rejected with the reason; a rejected record does not stop the others. An unknown User-Name is stored as a session of nobody (recorded), as for single packets. A record from a NAS the company has not registered is rejected (once it has registered any; see POST /api/radius/accounting).`,
  tags: [TAG],
  auth: "radiusKey",
  rawBody: {
    maxBytes: batch.MAX_BATCH_BYTES,
    content: {
      "application/x-ndjson": z.string().describe("One rlm_rest record (JSON object) a line."),
      "application/json": z.array(rlmRestRequestSchema),
    },
  },
  response: z.object({
    recorded: z.number().int(),
    duplicate: z.number().int(),
    ignored: z.number().int(),
    rejected: z.number().int(),
    results: z.array(recordResult),
  }),
  errors: {
    403: WRONG_SOURCE,
    413: `The body is larger than ${batch.MAX_BATCH_BYTES / 1_000_000} MB or holds more than ${batch.MAX_BATCH_RECORDS.toLocaleString("en")} records (code \`PAYLOAD_TOO_LARGE\`); nothing was stored. Split it.`,
  },
  handler: async ({ req, company, radiusKey, meta }) => {
    let text: string;
    try {
      text = await readBodyText(req, batch.MAX_BATCH_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge) throw new RestError(413, "PAYLOAD_TOO_LARGE", err.message);
      throw err;
    }
    let records: batch.Batch;
    try {
      records = batch.readBatch(text);
    } catch (err) {
      if (err instanceof batch.TooManyRecords) throw new RestError(413, "PAYLOAD_TOO_LARGE", err.message);
      throw err;
    }
    const actor = actorOf(radiusKey, meta);
    // Records from a NAS the company has not registered are rejected, each with the reason (once NAS are registered).
    const refused = new Map<string | null, string | null>();
    for (const ip of new Set(records.packets.map((p) => p.nasIp))) {
      const check = await checkNas(company.id, actor, ip);
      refused.set(ip, check.ok ? null : check.message);
    }
    const anyRefused = [...refused.values()].some((reason) => reason !== null);
    const results = await batch.ingest(
      company.id,
      actor,
      anyRefused ? batch.rejectWhere(records, (p) => refused.get(p.nasIp) ?? null) : records,
    );
    const counts = { recorded: 0, duplicate: 0, ignored: 0, rejected: 0 };
    for (const r of results) counts[r.outcome]++;
    // Built from typed results, so the answer is sent as it is: the response check of thousands of results cost more than applying them.
    return jsonResponse({ ...counts, results });
  },
});
