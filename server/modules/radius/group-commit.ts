import { sqlOf, withTenantSql } from "../../db/sql";
import { withTenant } from "../../db/tenant";
import type { Actor } from "../scope";
import {
  applyPackets,
  mayBeVoucher,
  VoucherOutsideOrm,
  type AccountingPacket,
  type AccountingResult,
} from "./accounting";
import * as metrics from "./metrics";

// Group commit for accounting packets. A transaction per packet costs more than the packet's
// own statements (BEGIN, the tenant settings, COMMIT, a round trip each), so packets that arrive
// together share one: a packet waits at most GROUP_WAIT_MS for others, a group holds at most
// MAX_GROUP packets, and every packet is answered only after its group has committed, so an
// acknowledged packet is durable. A group is split by company and RADIUS server key: each part
// runs in its own tenant transaction, so row-level security keeps every row in its company
// exactly as for a single packet, and the audit entries name the right key. The transaction is
// plain SQL on one pg connection (server/db/sql.ts: two or three round trips for the whole
// part); packets whose User-Name may be a voucher's code form a part of their own that runs in
// an ORM transaction (withTenant), because the voucher rules they reach are written on the ORM.
//
// When a group's transaction fails (a deadlock with another app instance, a row PostgreSQL
// refuses) each of its packets is applied again in a transaction of its own, so one bad packet
// fails only itself. At most MAX_QUEUE packets wait: past that accounting answers 503 with
// Retry-After (Overloaded), and the NAS or FreeRADIUS retries, instead of piling up requests
// that would time out anyway.

export const GROUP_WAIT_MS = 2;
export const MAX_GROUP = 500;
/** Groups being written at once; more would only queue on row locks and connections. */
const MAX_FLUSHING = 2;
export const MAX_QUEUE = 5_000;

export class Overloaded extends Error {
  constructor() {
    super("The accounting queue is full. Retry in a second.");
    this.name = "Overloaded";
  }
}

interface Pending {
  companyId: string;
  actor: Actor;
  packet: AccountingPacket;
  resolve: (r: AccountingResult) => void;
  reject: (err: unknown) => void;
}

// On globalThis: Next.js may load this file more than once, and there must be one queue.
const holder = globalThis as unknown as {
  lastmileAccountingQueue?: { queue: Pending[]; flushing: number; timer: NodeJS.Timeout | null };
};
const state = (holder.lastmileAccountingQueue ??= { queue: [], flushing: 0, timer: null });

/** Packets waiting for their group (for /api/metrics). */
export const queued = () => state.queue.length;

/** Queues a validated packet; resolves once the transaction holding it has committed. */
export function submit(companyId: string, actor: Actor, packet: AccountingPacket): Promise<AccountingResult> {
  if (state.queue.length >= MAX_QUEUE) {
    metrics.overloaded();
    return Promise.reject(new Overloaded());
  }
  return new Promise((resolve, reject) => {
    state.queue.push({ companyId, actor, packet, resolve, reject });
    schedule();
  });
}

function schedule() {
  if (state.flushing >= MAX_FLUSHING || state.queue.length === 0) return;
  if (state.queue.length >= MAX_GROUP) {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    void flush();
  } else
    state.timer ??= setTimeout(() => {
      state.timer = null;
      // Both writers busy: the next one to finish takes this group (flush() ends with schedule()).
      if (state.flushing < MAX_FLUSHING) void flush();
    }, GROUP_WAIT_MS);
}

async function flush() {
  if (state.queue.length === 0) return;
  state.flushing++;
  const group = state.queue.splice(0, MAX_GROUP);
  try {
    const parts = new Map<string, Pending[]>();
    for (const item of group) {
      // Accounting-On/Off (no User-Name) goes with the plain-SQL part; sessions it closes that a
      // concurrent voucher part also reports on are kept right by the start-time condition of the close.
      const key = `${item.companyId}\u0000${item.actor.id ?? ""}\u0000${mayBeVoucher(item.packet.username) ? "v" : ""}`;
      const part = parts.get(key);
      if (part) part.push(item);
      else parts.set(key, [item]);
    }
    await Promise.all([...parts.values()].map(commitPart));
  } finally {
    state.flushing--;
    schedule();
  }
}

async function commitPart(items: Pending[]) {
  try {
    const results = await applyInTransaction(
      items[0].companyId,
      items[0].actor,
      items.map((i) => i.packet),
    );
    items.forEach((item, n) => item.resolve(results[n]));
  } catch (err) {
    if (items.length === 1) return items[0].reject(err);
    // One at a time, each in its own transaction: only the packet at fault fails.
    for (const item of items) {
      await applyInTransaction(item.companyId, item.actor, [item.packet]).then(
        (r) => item.resolve(r[0]),
        (e: unknown) => item.reject(e),
      );
    }
  }
}

/**
 * Applies packets of one company in one tenant transaction, recording the metrics once it
 * committed: plain SQL on pg, unless a packet may belong to a voucher (then the ORM's transaction).
 */
export async function applyInTransaction(
  companyId: string,
  actor: Actor,
  packets: readonly AccountingPacket[],
): Promise<AccountingResult[]> {
  const orm = () =>
    withTenant(companyId, async (tx) => {
      const sql = sqlOf(tx);
      const results = await applyPackets({ sql, companyId, vouchers: { tx, companyId, actor } }, packets);
      await sql.flush();
      return results;
    });
  let results: AccountingResult[];
  if (packets.some((p) => mayBeVoucher(p.username))) results = await orm();
  else
    try {
      results = await withTenantSql(companyId, (sql) => applyPackets({ sql, companyId, vouchers: null }, packets));
    } catch (err) {
      if (!(err instanceof VoucherOutsideOrm)) throw err;
      results = await orm();
    }
  metrics.recorded(companyId, actor, results);
  return results;
}
