import { newIds } from "../../lib/ids";
import type { Scope } from "../scope";
import { normalizeVoucherCode } from "../vouchers/schema";
import type { AccountingPacket } from "./accounting";

// The sessions a batch opens, created up front in one statement, before accounting.ts
// applyPackets replays the batch's packets. applyPackets would create them too, but one
// cuid2 id at a time (a hash each: about a millisecond, seconds for a batch of new sessions);
// here the ids come from newIds() and the owner is found in the same INSERT, with the rule of
// accounting.ts ownersOf: the company's PPPoE subscription of that login, else its voucher of
// that code, else nobody (an unknown login, stored for later matching). The rows are exactly
// those applyPackets would insert: started at the Start, or Acct-Session-Time before the first
// report when there is no Start; last update at the first packet; its NAS, address and caller.
//
// Only sessions first seen before the batch's first Accounting-On/Off are created here: that
// packet closes the NAS's sessions that began before it, and a session first seen after it must
// not exist yet when it is applied (applyPackets creates those as it goes).

const key = (username: string, acctSessionId: string) => `${username}\u0000${acctSessionId}`;

/**
 * Inserts the sessions the packets name that do not exist yet, inside the caller's transaction.
 * Returns the index of each created session's first packet: that packet is what created it,
 * so its answer is "recorded" even though replaying it on the new row changes nothing.
 */
export async function createSessions(scope: Scope, packets: readonly AccountingPacket[]): Promise<Set<number>> {
  const first = new Map<string, number>();
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i];
    if (p.status === "Accounting-On" || p.status === "Accounting-Off") break;
    if (!p.status || !p.username || !p.acctSessionId) continue;
    const k = key(p.username, p.acctSessionId);
    if (!first.has(k)) first.set(k, i);
  }
  if (first.size === 0) return new Set();
  const indexes = [...first.values()];
  const ids = newIds(indexes.length);
  const cols = { id: ids, sid: [] as string[], u: [] as string[], code: [] as (string | null)[] };
  const rest = {
    nas: [] as (string | null)[],
    fip: [] as (string | null)[],
    cs: [] as (string | null)[],
    st: [] as string[],
    up: [] as string[],
  };
  for (const i of indexes) {
    const p = packets[i];
    cols.sid.push(p.acctSessionId!);
    cols.u.push(p.username!);
    cols.code.push(normalizeVoucherCode(p.username!));
    rest.nas.push(p.nasIp);
    rest.fip.push(p.framedIp);
    rest.cs.push(p.callingStation);
    // Without a Start (lost, or the NAS sends none) the session began Acct-Session-Time ago.
    rest.st.push(
      (p.status === "Start" ? p.at : new Date(p.at.getTime() - (p.sessionSeconds ?? 0) * 1000)).toISOString(),
    );
    rest.up.push(p.at.toISOString());
  }
  // Existing sessions conflict and are left alone (DO NOTHING); so is one another transaction
  // inserts at the same time, which applyPackets then waits for and locks. Key order, so two
  // batches never wait on each other's rows in opposite orders.
  const inserted = await scope.tx.$queryRawUnsafe<{ username: string; acctSessionId: string }[]>(
    `INSERT INTO "RadiusSession" (id, "companyId", "acctSessionId", username, "subscriptionId", "voucherId",
       "nasIp", "framedIp", "callingStation", "startedAt", "updatedAt")
     SELECT r.id, $1, r.sid, r.u, s.id, CASE WHEN s.id IS NULL THEN v.id END, r.nas, r.fip, r.cs,
       r.st::timestamptz, r.up::timestamptz
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
       AS r(id, sid, u, code, nas, fip, cs, st, up)
     LEFT JOIN "Subscription" s ON s."companyId" = $1 AND s."pppoeUsername" = r.u
     LEFT JOIN "Voucher" v ON v."companyId" = $1 AND v.code = r.code
     ORDER BY r.u, r.sid
     ON CONFLICT ("companyId", username, "acctSessionId") DO NOTHING
     RETURNING username, "acctSessionId"`,
    scope.companyId,
    cols.id,
    cols.sid,
    cols.u,
    cols.code,
    rest.nas,
    rest.fip,
    rest.cs,
    rest.st,
    rest.up,
  );
  return new Set(inserted.map((r) => first.get(key(r.username, r.acctSessionId))!));
}
