import type { EventType, StandardSchemaV1 } from "inngest";
import { NotFound } from "../lib/errors";
import { log } from "../lib/log";
import { inngest } from "./client";
import { inlineRun } from "./observe";

// How a module starts background work: emit(event, data), with an event declared in
// server/jobs/events.ts. Then either
//  • Inngest (INNGEST_EVENT_KEY or INNGEST_DEV set): the event goes to Inngest, which runs the
//    functions that trigger on it, with retries; or
//  • no Inngest server (a laptop, the embedded database, tests, or Inngest refusing the send):
//    the consuming function's own handler runs in this process, on a microtask, so the caller's
//    transaction has its chance to commit first. A row that transaction created is invisible
//    until it commits, so the handler is retried briefly while it cannot see its rows yet.
// Handlers must therefore be idempotent ("apply the current state"), which Inngest needs anyway.
//
// emit() does not import the functions (they import the modules that call emit()): the handlers
// are handed over once at start-up with runInline() (instrumentation.ts, scripts, test setup).

type Schema = StandardSchemaV1<Record<string, unknown>>;
/** An event declared with a schema in server/jobs/events.ts. */
export type DeclaredEvent = EventType<string, Schema>;
export type DataOf<E extends DeclaredEvent> = StandardSchemaV1.InferOutput<E["schema"]>;

/** A function's work on one event, the same code Inngest runs in its step. */
export interface Consumer<E extends DeclaredEvent = DeclaredEvent, R = unknown> {
  event: E;
  handle(data: DataOf<E>): Promise<R>;
  /** Inline only: true when the answer means "the rows are not committed yet" (then retried). A thrown NotFound counts too. */
  notVisibleYet?(result: R): boolean;
}

export function consumer<E extends DeclaredEvent, R>(
  event: E,
  handle: (data: DataOf<E>) => Promise<R>,
  notVisibleYet?: (result: R) => boolean,
): Consumer<E, R> {
  return { event, handle, notVisibleYet };
}

const VISIBLE_ATTEMPTS = 20;
const VISIBLE_DELAY_MS = 250;

// On globalThis: Next.js bundles instrumentation.ts apart from the route handlers, and both must
// see the one list of handlers and of runs in flight.
const holder = globalThis as unknown as {
  lastmileInline?: { consumers: Map<string, Consumer[]>; running: Set<Promise<unknown>> };
};
const inline = (holder.lastmileInline ??= { consumers: new Map(), running: new Set() });

/** Hands over the handlers emit() runs when Inngest is not configured (once, at start-up). */
export function runInline(consumers: readonly Consumer[]): void {
  inline.consumers.clear();
  for (const c of consumers) inline.consumers.set(c.event.name, [...(inline.consumers.get(c.event.name) ?? []), c]);
}

export function usesInngest(): boolean {
  return !!(process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV);
}

/**
 * Starts the work an event stands for. `id` names the unit of work: a second emit with the same
 * id is the same event to Inngest; leave it out when every emit must run (a subscription that
 * changes twice is provisioned twice). Data that fails the event's schema is refused here, so a
 * bad event never reaches Inngest nor a handler.
 */
export async function emit<E extends DeclaredEvent>(
  event: E,
  data: StandardSchemaV1.InferInput<E["schema"]>,
  options: { id?: string } = {},
): Promise<void> {
  const valid = await validated(event, data);
  if (usesInngest()) {
    try {
      const sent = await inngest.send({ name: event.name, data: valid, ...(options.id ? { id: options.id } : {}) });
      log.debug({ event: event.name, eventIds: sent.ids }, "event sent");
      return;
    } catch (err) {
      // The caller's change must not fail because the queue is down: do the work here instead.
      log.warn({ err, event: event.name }, "Inngest send failed; handling the event in this process");
    }
  }
  handleHere(event, [valid]);
}

/** Events per request to Inngest: well under its limits on events and bytes per request. */
export const SEND_CHUNK = 500;

/**
 * Many events of one kind at once (a billing run's batch of issued invoices): each is its own
 * event, with its own id, exactly as emit() would send it, so the functions that consume it see
 * no difference; but they travel to Inngest SEND_CHUNK to a request instead of one request each.
 * All are checked against the schema before any is sent. A chunk Inngest refuses is handled here.
 */
export async function emitMany<E extends DeclaredEvent>(
  event: E,
  items: readonly { data: StandardSchemaV1.InferInput<E["schema"]>; id?: string }[],
): Promise<void> {
  const valid = await Promise.all(items.map(async (i) => ({ data: await validated(event, i.data), id: i.id })));
  for (let from = 0; from < valid.length; from += SEND_CHUNK) {
    const chunk = valid.slice(from, from + SEND_CHUNK);
    if (usesInngest()) {
      try {
        const sent = await inngest.send(
          chunk.map((i) => ({ name: event.name, data: i.data, ...(i.id ? { id: i.id } : {}) })),
        );
        log.debug({ event: event.name, count: chunk.length, eventIds: sent.ids }, "events sent");
        continue;
      } catch (err) {
        log.warn(
          { err, event: event.name, count: chunk.length },
          "Inngest send failed; handling the events in this process",
        );
      }
    }
    handleHere(
      event,
      chunk.map((i) => i.data),
    );
  }
}

async function validated<E extends DeclaredEvent>(
  event: E,
  data: StandardSchemaV1.InferInput<E["schema"]>,
): Promise<DataOf<E>> {
  const checked = await event.schema["~standard"].validate(data);
  if (checked.issues) {
    const detail = checked.issues.map((i) => `${i.path?.map(String).join(".") || "data"}: ${i.message}`).join("; ");
    throw new Error(`Event ${event.name} refused, its data does not match its schema (${detail})`);
  }
  return checked.value as DataOf<E>;
}

/** Runs the consuming handlers in this process, each event on its own, after the caller's microtask. */
function handleHere(event: DeclaredEvent, events: readonly DataOf<DeclaredEvent>[]): void {
  const consumers = inline.consumers.get(event.name);
  if (!consumers?.length) {
    throw new Error(`Nothing handles ${event.name} without Inngest: runInline() was not called at start-up`);
  }
  for (const valid of events)
    for (const c of consumers) {
      const job = new Promise<void>((resolve) => queueMicrotask(resolve))
        .then(() => inlineRun(event.name, () => untilVisible(c, valid)))
        // inlineRun logged and counted it; the caller's change stands.
        .catch(() => {})
        .finally(() => inline.running.delete(job));
      inline.running.add(job);
    }
}

/**
 * By its code, not only `instanceof NotFound`: in a production build the handlers come from
 * instrumentation.ts's bundle and emit() from a route's, each with its own copy of the class, so
 * the handler's NotFound is not an instance of the one imported here.
 */
const isNotFound = (err: unknown) =>
  err instanceof NotFound || (err instanceof Error && (err as { code?: unknown }).code === "NOT_FOUND");

async function untilVisible(c: Consumer, data: DataOf<DeclaredEvent>): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await c.handle(data);
      if (!c.notVisibleYet?.(result) || attempt >= VISIBLE_ATTEMPTS) return result;
    } catch (err) {
      if (!isNotFound(err) || attempt >= VISIBLE_ATTEMPTS) throw err;
    }
    await new Promise((r) => setTimeout(r, VISIBLE_DELAY_MS));
  }
}

/** Waits for inline runs started so far, and any they start (tests; scripts before they exit). */
export async function settleInline(): Promise<void> {
  while (inline.running.size > 0) await Promise.allSettled([...inline.running]);
}
