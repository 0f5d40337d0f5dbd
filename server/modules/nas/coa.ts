import { isIPv4 } from "node:net";
import type { Prisma } from "../../db/generated/prisma/client";
import type { CoaReason, CoaResult } from "../../db/generated/prisma/enums";
import { withTenant, type Tx } from "../../db/tenant";
import { emitMany } from "../../jobs/emit";
import { coaRequested } from "../../jobs/events";
import { unseal } from "../../lib/crypto";
import { env } from "../../lib/env";
import { NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { sendCoa, type CoaAnswer } from "./coa-client";
import { coaAttributeSchema, type CoaAttribute } from "./schema";
import { attributesFor } from "./vendor";

// Change of Authorization (RFC 5176): what other modules call when a subscriber's live sessions
// must change now rather than at their next login. Suspension, termination, package changes,
// data caps, fair use, the walled garden and staff's "Disconnect" button all come here.
//
// changeLiveSessions() runs inside the caller's transaction: it records one CoaRequest per live
// session (PENDING) and emits coa.requested for each. The packet leaves only after that
// transaction committed (Inngest, or inline after the commit: server/jobs/emit.ts), so a change
// that rolls back never disconnects anyone. deliver() then sends it to the NAS the session was
// accounted on and records the answer: ACK, NAK (with the NAS's Error-Cause), or, after
// COA_ATTEMPTS unanswered tries, TIMEOUT. A session on a NAS we do not know is recorded NO_NAS
// at once: there is no secret to sign a packet with, and nowhere trustworthy to send it.

export type LiveAction = "disconnect" | "coa";

export interface ChangeLiveSessions {
  subscriptionId: string;
  action: LiveAction;
  reason: CoaReason;
  /** CoA only: what to apply, e.g. [{ name: "Mikrotik-Rate-Limit", value: "2M/2M" }], in provisioning's terms (vendor.ts). */
  attributes?: CoaAttribute[];
}

/** The same change for many subscriptions at once (a bandwidth policy edited: every subscriber on it). */
export interface ChangeManyLiveSessions extends Omit<ChangeLiveSessions, "subscriptionId"> {
  subscriptionIds: readonly string[];
}

/** A recorded request as the console and REST show it. */
export const REQUEST_FIELDS = {
  id: true,
  kind: true,
  reason: true,
  subscriptionId: true,
  sessionId: true,
  username: true,
  acctSessionId: true,
  nasIp: true,
  framedIp: true,
  attributes: true,
  result: true,
  errorCause: true,
  error: true,
  attempts: true,
  requestedAt: true,
  lastAttemptAt: true,
  completedAt: true,
  nas: { select: { id: true, name: true } },
} as const satisfies Prisma.CoaRequestSelect;

type LiveSession = {
  id: string;
  username: string;
  acctSessionId: string;
  subscriptionId: string | null;
  nasIp: string | null;
  framedIp: string | null;
};

const SESSION_FIELDS = {
  id: true,
  username: true,
  acctSessionId: true,
  subscriptionId: true,
  nasIp: true,
  framedIp: true,
} as const;

/**
 * Sends a Disconnect-Request (or a CoA-Request with `attributes`) for every live session of the
 * subscription. Returns the requests recorded: none when the subscriber is offline.
 */
export async function changeLiveSessions(scope: Scope, change: ChangeLiveSessions) {
  const { subscriptionId, ...rest } = change;
  return changeManyLiveSessions(scope, { ...rest, subscriptionIds: [subscriptionId] });
}

/**
 * The same change for every live session of many subscriptions, in a fixed number of statements
 * (one read of the sessions, one of their NAS, one insert, one audit insert) and events sent to
 * Inngest in chunks: editing the policy of 10,000 online subscribers is one transaction, not
 * 40,000 round trips.
 */
export async function changeManyLiveSessions(scope: Scope, change: ChangeManyLiveSessions) {
  const attributes = change.action === "coa" ? coaAttributeSchema.array().min(1).parse(change.attributes) : [];
  if (change.subscriptionIds.length === 0) return [];
  const sessions = await scope.tx.radiusSession.findMany({
    where: { subscriptionId: { in: [...change.subscriptionIds] }, stoppedAt: null },
    select: SESSION_FIELDS,
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  return recordRequests(scope, sessions, change.action, change.reason, attributes);
}

/** Staff's "Disconnect" on one live session (console, REST). */
export async function disconnectSession(scope: Scope, sessionId: string) {
  const session = await scope.tx.radiusSession.findFirst({
    where: { id: sessionId, stoppedAt: null },
    select: SESSION_FIELDS,
  });
  if (!session) throw new NotFound("Live session", "This session is no longer online.");
  const [created] = await recordRequests(scope, [session], "disconnect", "STAFF", []);
  return created!;
}

/** One request per session, in their order, each in its NAS's vendor's attributes; sent once the caller commits. */
async function recordRequests(
  scope: Scope,
  sessions: readonly LiveSession[],
  action: LiveAction,
  reason: CoaReason,
  attributes: CoaAttribute[],
) {
  if (sessions.length === 0) return [];
  const ips = [...new Set(sessions.map((s) => s.nasIp?.toLowerCase()).filter((ip): ip is string => !!ip))];
  const registered = ips.length
    ? await scope.tx.nas.findMany({
        where: { ipAddress: { in: ips } },
        select: { id: true, ipAddress: true, vendor: true },
      })
    : [];
  const nasByIp = new Map(registered.map((n) => [n.ipAddress, n]));
  const now = new Date();
  const requestedById = scope.actor.type === "USER" ? (scope.actor.id ?? null) : null;
  const rows = sessions.map((s) => {
    const nas = s.nasIp ? nasByIp.get(s.nasIp.toLowerCase()) : undefined;
    const sent = nas && action === "coa" ? attributesFor(nas.vendor, attributes) : attributes;
    return {
      id: newId(),
      companyId: scope.companyId,
      kind: action === "disconnect" ? ("DISCONNECT" as const) : ("COA" as const),
      reason,
      nasId: nas?.id ?? null,
      subscriptionId: s.subscriptionId,
      sessionId: s.id,
      username: s.username,
      acctSessionId: s.acctSessionId,
      nasIp: s.nasIp,
      framedIp: s.framedIp,
      attributes: sent as unknown as Prisma.InputJsonValue,
      requestedById,
      requestedAt: now,
      ...(nas
        ? {}
        : {
            result: "NO_NAS" as const,
            completedAt: now,
            error: s.nasIp
              ? `No NAS is registered with the address ${s.nasIp}; add it under Network → NAS.`
              : "The session was accounted without a NAS-IP-Address.",
          }),
    };
  });
  await scope.tx.coaRequest.createMany({ data: rows });
  await audit.recordMany(
    scope,
    rows.map((r) => ({
      action: r.kind === "DISCONNECT" ? "coa.disconnect_requested" : "coa.change_requested",
      entityType: "CoaRequest",
      entityId: r.id,
      after: {
        reason,
        subscriptionId: r.subscriptionId,
        username: r.username,
        acctSessionId: r.acctSessionId,
        nasIp: r.nasIp,
        attributes: r.attributes,
        result: r.result ?? "PENDING",
      },
    })),
  );
  // The key makes a repeated emit (a retried caller) the same unit of work to Inngest.
  const toSend = rows.filter((r) => r.nasId);
  if (toSend.length)
    await emitMany(
      coaRequested,
      toSend.map((r) => ({ data: { companyId: scope.companyId, requestId: r.id }, id: `coa:${r.id}` })),
    );
  const created = await scope.tx.coaRequest.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    select: REQUEST_FIELDS,
  });
  const byId = new Map(created.map((c) => [c.id, c]));
  return rows.map((r) => byId.get(r.id)!);
}

/** Identifiers first (RFC 5176 §3: the NAS finds the session by them), then what to change. */
export function packetAttributes(r: {
  username: string;
  acctSessionId: string;
  nasIp: string | null;
  framedIp: string | null;
  attributes: CoaAttribute[];
}): [string, string | number][] {
  const out: [string, string | number][] = [
    ["User-Name", r.username],
    ["Acct-Session-Id", r.acctSessionId],
  ];
  if (r.nasIp && isIPv4(r.nasIp)) out.push(["NAS-IP-Address", r.nasIp]);
  if (r.framedIp && isIPv4(r.framedIp)) out.push(["Framed-IP-Address", r.framedIp]);
  for (const a of r.attributes) out.push([a.name, a.value]);
  return out;
}

export interface AttemptResult {
  requestId: string;
  result: CoaResult;
  attempts: number;
  /** True once the outcome is recorded for good (no more tries). */
  final: boolean;
  skipped?: "already_done";
}

/**
 * One try at sending a recorded request, and what came of it. Idempotent: a request already
 * answered (or given up) is not sent again. Answers from the NAS are recorded only on a request
 * still PENDING, so a late duplicate run cannot overwrite an outcome.
 */
export async function attempt(companyId: string, requestId: string): Promise<AttemptResult> {
  const loaded = await withTenant(companyId, async (tx) => {
    const r = await tx.coaRequest.findUnique({ where: { id: requestId }, include: { nas: true } });
    if (!r) throw new NotFound("CoA request");
    return r;
  });
  if (loaded.result !== "PENDING")
    return { requestId, result: loaded.result, attempts: loaded.attempts, final: true, skipped: "already_done" };

  const { COA_TIMEOUT_MS, COA_ATTEMPTS } = env();
  let answer: CoaAnswer | { result: "NO_NAS"; error: string };
  const secret = loaded.nas ? openSecret(loaded.nas.secret) : null;
  if (!loaded.nas) {
    answer = { result: "NO_NAS", error: "The NAS was removed from the registry before the request was sent." };
  } else if (secret === null) {
    // The encryption key changed: a packet signed with garbage would only be dropped by the NAS.
    answer = { result: "NO_NAS", error: "The NAS's shared secret cannot be opened; set it again (Rotate secret)." };
  } else {
    answer = await sendCoa({
      kind: loaded.kind,
      host: loaded.nas.ipAddress,
      port: loaded.nas.coaPort,
      secret,
      attributes: packetAttributes({
        ...loaded,
        attributes: coaAttributeSchema.array().parse(loaded.attributes),
      }),
      timeoutMs: COA_TIMEOUT_MS,
    });
  }
  const attempts = loaded.attempts + 1;
  const final = answer.result !== "TIMEOUT" || attempts >= COA_ATTEMPTS;
  const now = new Date();
  const data: Prisma.CoaRequestUpdateManyMutationInput = {
    attempts,
    lastAttemptAt: now,
    ...(final ? { result: answer.result, completedAt: now } : {}),
    ...("errorCause" in answer ? { errorCause: answer.errorCause } : {}),
    error: "error" in answer ? answer.error : null,
  };
  const written = await withTenant(companyId, (tx) => record(tx, requestId, loaded.attempts, data));
  if (!written) {
    const current = await withTenant(companyId, (tx) =>
      tx.coaRequest.findUniqueOrThrow({ where: { id: requestId }, select: { result: true, attempts: true } }),
    );
    return { requestId, result: current.result, attempts: current.attempts, final: true, skipped: "already_done" };
  }
  return { requestId, result: final ? (answer.result as CoaResult) : "PENDING", attempts, final };
}

function openSecret(sealed: string): string | null {
  try {
    return unseal(sealed);
  } catch {
    return null;
  }
}

/** Only over the state this attempt started from: a concurrent attempt's record wins, ours is dropped. */
async function record(tx: Tx, id: string, attemptsBefore: number, data: Prisma.CoaRequestUpdateManyMutationInput) {
  const { count } = await tx.coaRequest.updateMany({
    where: { id, result: "PENDING", attempts: attemptsBefore },
    data,
  });
  return count === 1;
}

/**
 * Every try a request gets, one after another: what runs when there is no Inngest server
 * (Inngest instead retries attempt() with its own backoff, server/jobs/functions/send-coa.ts).
 */
export async function deliver(companyId: string, requestId: string): Promise<AttemptResult> {
  for (;;) {
    const r = await attempt(companyId, requestId);
    if (r.final) return r;
  }
}
