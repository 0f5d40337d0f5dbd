import { EventType } from "inngest";
import { expect, it } from "vitest";
import { inngest } from "./client";
import { consumers, functions } from "./index";

// The function list is the one map from events to work: every trigger is a declared event (or a
// cron), and every event the app emits is consumed by exactly one function whose handler also
// runs inline without Inngest.

type Fn = (typeof functions)[number];
const triggersOf = (fn: Fn) => (fn.opts.triggers ?? []) as unknown[];

/** Event triggers given as a bare name instead of an event declared in server/jobs/events.ts. */
function undeclaredTriggers(fns: readonly Fn[]): string[] {
  return fns.flatMap((fn) =>
    triggersOf(fn)
      .filter((t) => !(t instanceof EventType) && !(typeof t === "object" && t !== null && "cron" in t))
      .map((t) => `${fn.id()}: ${JSON.stringify(t)}`),
  );
}

it("finds an event trigger given by name on a bad sample", () => {
  const bad = inngest.createFunction({ id: "bad", triggers: [{ event: "lastmile/anything" }] }, async () => null);
  expect(undeclaredTriggers([bad as unknown as Fn])).toEqual(['bad: {"event":"lastmile/anything"}']);
});

it("every function triggers on declared events or a schedule", () => {
  expect(undeclaredTriggers(functions)).toEqual([]);
});

// An event may fan out to several functions (a posted payment sends a receipt and credits a
// wallet top-up), each with its own consumer; inline, emit() runs every consumer of the event.
it("every event handled inline has as many consumers as functions it triggers", () => {
  expect(new Set(consumers).size).toBe(consumers.length);
  for (const c of consumers) {
    const handlers = consumers.filter((other) => other.event === c.event);
    const triggered = functions.filter((fn) => triggersOf(fn).includes(c.event));
    expect(triggered.map((fn) => fn.id())).toHaveLength(handlers.length);
  }
});
