import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { idParams, pageSchema, queryOf } from "../../lib/schema";
import { disconnectSession } from "./coa";
import { COA_KINDS, COA_REASONS, COA_RESULTS, listOnlineSchema } from "./schema";
import * as sessions from "./sessions";

// REST for integrators: who is online now, and cutting one session (RFC 5176 Disconnect-Request).

const requestResponse = z.object({
  id: z.string(),
  kind: z.enum(COA_KINDS),
  reason: z.enum(COA_REASONS),
  sessionId: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  username: z.string(),
  acctSessionId: z.string(),
  nasIp: z.string().nullable(),
  result: z
    .enum(COA_RESULTS)
    .describe(
      "PENDING while being sent; ACK or NAK as the NAS answered; TIMEOUT when it never answered; NO_NAS when the session's NAS-IP-Address is not a registered NAS.",
    ),
  errorCause: z
    .number()
    .int()
    .nullable()
    .describe("RFC 5176 Error-Cause of a NAK, e.g. 503 (Session Context Not Found)."),
  error: z.string().nullable(),
  attempts: z.number().int(),
  requestedAt: z.string(),
  completedAt: z.string().nullable(),
});

const sessionResponse = z.object({
  id: z.string(),
  username: z.string().describe("PPPoE login or voucher code."),
  acctSessionId: z.string(),
  subscriptionId: z.string().nullable(),
  voucherId: z.string().nullable(),
  nasIp: z.string().nullable(),
  nas: z.object({ id: z.string(), name: z.string() }).nullable().describe("The registered NAS with that address."),
  framedIp: z.string().nullable(),
  callingStation: z.string().nullable().describe("The subscriber's MAC address, as the NAS reports it."),
  startedAt: z.string(),
  updatedAt: z.string().describe("Last accounting update."),
  inputBytes: z.number().describe("Uploaded by the subscriber in this session."),
  outputBytes: z.number().describe("Downloaded by the subscriber in this session."),
  sessionSeconds: z.number().int(),
  lastRequest: requestResponse.nullable().describe("The last Disconnect/CoA request sent for this session."),
});

export const online = defineRoute({
  method: "GET",
  path: "/api/sessions/online",
  summary: "List sessions online now",
  description:
    "RADIUS sessions accounting has started and not stopped, newest first, a page at a time; filter by NAS, by site (its NAS) or by username.",
  tags: ["Network"],
  auth: "bearer",
  permission: "online_sessions:read",
  query: queryOf(listOnlineSchema),
  response: pageSchema(sessionResponse),
  handler: async ({ scope, query }) => {
    const page = await sessions.listOnline(scope, query);
    return { ...page, rows: page.rows.map((r) => ({ ...r, nas: r.nas && { id: r.nas.id, name: r.nas.name } })) };
  },
});

export const disconnect = defineRoute({
  method: "POST",
  path: "/api/sessions/{id}/disconnect",
  summary: "Disconnect a session",
  description:
    "Sends an RFC 5176 Disconnect-Request for the session to its NAS. Answers at once with the request PENDING (or NO_NAS); the NAS's answer is recorded on it and shown in the session's lastRequest.",
  tags: ["Network"],
  auth: "bearer",
  permission: "online_sessions:disconnect",
  params: idParams("The session id (from the online list)."),
  response: requestResponse,
  status: 202,
  errors: { 404: "The session is not online (any more), or is not this company's." },
  handler: ({ scope, params }) => disconnectSession(scope, params.id),
});
