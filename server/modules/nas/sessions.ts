import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { listPage } from "../../lib/schema";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { REQUEST_FIELDS } from "./coa";
import { forCustomerSchema, listOnlineSchema } from "./schema";

// Who is online now: the RADIUS sessions accounting has opened and not yet stopped (written by
// server/modules/radius; read here only). Each is shown with the NAS it runs on, found by its
// NAS-IP-Address in the registry, the subscriber it belongs to, and the last Disconnect/CoA sent
// for it. The query is the (companyId, stoppedAt) index accounting already keeps: this page adds
// no index to the accounting hot path.

const SESSION_SELECT = {
  id: true,
  username: true,
  acctSessionId: true,
  subscriptionId: true,
  voucherId: true,
  nasIp: true,
  framedIp: true,
  callingStation: true,
  startedAt: true,
  updatedAt: true,
  inputBytes: true,
  outputBytes: true,
  sessionSeconds: true,
} as const satisfies Prisma.RadiusSessionSelect;

type SessionRow = Prisma.RadiusSessionGetPayload<{ select: typeof SESSION_SELECT }>;

/** Adds the NAS, the subscriber and the last request to each session; bytes as numbers (BigInt does not travel). */
async function present(scope: Scope, sessions: SessionRow[]) {
  const ips = [...new Set(sessions.map((s) => s.nasIp?.toLowerCase()).filter((v): v is string => !!v))];
  const subIds = [...new Set(sessions.map((s) => s.subscriptionId).filter((v): v is string => !!v))];
  const [nas, subs, requests] = await inOrder([
    ips.length
      ? scope.tx.nas.findMany({
          where: { ipAddress: { in: ips } },
          select: { id: true, name: true, ipAddress: true, site: { select: { id: true, name: true } } },
        })
      : [],
    subIds.length
      ? scope.tx.subscription.findMany({
          where: { id: { in: subIds } },
          select: {
            id: true,
            status: true,
            customer: {
              select: {
                id: true,
                type: true,
                firstName: true,
                lastName: true,
                businessName: true,
                accountNumber: true,
              },
            },
            package: { select: { name: true } },
          },
        })
      : [],
    sessions.length
      ? scope.tx.coaRequest.findMany({
          where: { sessionId: { in: sessions.map((s) => s.id) } },
          select: REQUEST_FIELDS,
          orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
        })
      : [],
  ]);
  const nasByIp = new Map(nas.map((n) => [n.ipAddress, n]));
  const subById = new Map(subs.map((s) => [s.id, s]));
  return sessions.map((s) => {
    const sub = s.subscriptionId ? subById.get(s.subscriptionId) : undefined;
    return {
      ...s,
      inputBytes: Number(s.inputBytes),
      outputBytes: Number(s.outputBytes),
      nas: (s.nasIp && nasByIp.get(s.nasIp.toLowerCase())) || null,
      subscriber: sub
        ? {
            subscriptionId: sub.id,
            status: sub.status,
            packageName: sub.package.name,
            customerId: sub.customer.id,
            accountNumber: sub.customer.accountNumber,
            customerName: customerDisplayName(sub.customer),
          }
        : null,
      lastRequest: requests.find((r) => r.sessionId === s.id) ?? null,
    };
  });
}

export type OnlineSession = Awaited<ReturnType<typeof present>>[number];

/** The online list: newest sessions first, by NAS, by site, by username. */
export async function listOnline(scope: Scope, input: z.input<typeof listOnlineSchema>) {
  const f = listOnlineSchema.parse(input);
  // A NAS or a site filter is a set of NAS-IP-Addresses; none registered there: nothing online there.
  let nasIps: string[] | undefined;
  if (f.nasId || f.siteId) {
    const nas = await scope.tx.nas.findMany({
      where: { ...(f.nasId ? { id: f.nasId } : {}), ...(f.siteId ? { siteId: f.siteId } : {}) },
      select: { ipAddress: true },
    });
    nasIps = nas.map((n) => n.ipAddress);
  }
  const where: Prisma.RadiusSessionWhereInput = {
    stoppedAt: null,
    ...(nasIps ? { nasIp: { in: nasIps } } : {}),
    ...(f.search ? { username: { contains: f.search, mode: "insensitive" } } : {}),
  };
  return listPage(f, {
    count: () => scope.tx.radiusSession.count({ where }),
    rows: async (window) =>
      present(
        scope,
        await scope.tx.radiusSession.findMany({
          where,
          select: SESSION_SELECT,
          orderBy: [{ startedAt: "desc" }, { id: "asc" }],
          ...window,
        }),
      ),
  });
}

/** How many Disconnect/CoA requests the subscription page lists. */
export const RECENT_REQUESTS = 10;
/** How many ended sessions the customer page lists. */
export const RECENT_SESSIONS = 10;

const ENDED_SELECT = {
  id: true,
  username: true,
  acctSessionId: true,
  nasIp: true,
  framedIp: true,
  startedAt: true,
  stoppedAt: true,
  terminateCause: true,
  inputBytes: true,
  outputBytes: true,
} as const satisfies Prisma.RadiusSessionSelect;

/**
 * The customer page's live view: each subscription's sessions online now, the last requests sent
 * to its NAS with their outcome, and the last sessions that ended, with how (the NAS's
 * Acct-Terminate-Cause, or radius/schema.ts STALE_CAUSE when it was closed because its NAS fell
 * silent).
 */
export async function forCustomer(scope: Scope, input: z.input<typeof forCustomerSchema>) {
  const { customerId } = forCustomerSchema.parse(input);
  if (!(await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } })))
    throw new NotFound("Customer");
  const subs = await scope.tx.subscription.findMany({ where: { customerId }, select: { id: true } });
  const ids = subs.map((s) => s.id);
  if (ids.length === 0) return { sessions: [], requests: [], ended: [] };
  const [sessions, requests, ended] = await inOrder([
    scope.tx.radiusSession.findMany({
      where: { subscriptionId: { in: ids }, stoppedAt: null },
      select: SESSION_SELECT,
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      take: 50,
    }),
    scope.tx.coaRequest.findMany({
      where: { subscriptionId: { in: ids } },
      select: REQUEST_FIELDS,
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      take: RECENT_REQUESTS,
    }),
    scope.tx.radiusSession.findMany({
      where: { subscriptionId: { in: ids }, stoppedAt: { not: null } },
      select: ENDED_SELECT,
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      take: RECENT_SESSIONS,
    }),
  ]);
  return {
    sessions: await present(scope, sessions),
    requests,
    ended: ended.map((s) => ({ ...s, inputBytes: Number(s.inputBytes), outputBytes: Number(s.outputBytes) })),
  };
}
