import { InngestTestEngine } from "@inngest/test";
import { eventType } from "inngest";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { z } from "zod";
import { withTenant } from "../db/tenant";
import { NotFound } from "../lib/errors";
import { newId } from "../lib/ids";
import * as audit from "../modules/audit/service";
import { systemActor } from "../modules/scope";
import { makeCompany } from "../test/fixtures";
import { inngest } from "./client";
import { consumer, emit, emitMany, runInline, SEND_CHUNK, settleInline } from "./emit";
import { subscriptionChanged } from "./events";
import { provisionSubscription } from "./functions/provision-subscription";
import { handleEventsInline } from "./index";

// The one way modules start background work, on real PostgreSQL: without Inngest the consuming
// handler runs here once the caller's transaction has committed; with Inngest the event is sent
// (keyed), and a failed send is handled here instead; data that fails its schema goes nowhere.

const rowWritten = eventType("test/row.written", { schema: z.object({ companyId: z.string(), rowId: z.string() }) });
let companyId: string;
let runs: { by: string; rowId: string; visible: boolean }[];

/** Reads the audit row the caller wrote; one probe throws NotFound while it is invisible, one answers null. */
const rowOf = (rowId: string) =>
  withTenant(companyId, (tx) => tx.auditEntry.findFirst({ where: { entityId: rowId }, select: { id: true } }));
const throwing = consumer(rowWritten, async ({ rowId }) => {
  const row = await rowOf(rowId);
  runs.push({ by: "throwing", rowId, visible: !!row });
  if (!row) throw new NotFound("Row");
  return row.id;
});
const answering = consumer(
  rowWritten,
  async ({ rowId }) => {
    const row = await rowOf(rowId);
    runs.push({ by: "answering", rowId, visible: !!row });
    return row;
  },
  (row) => row === null,
);
const writeRow = (rowId: string) =>
  withTenant(companyId, (tx) =>
    audit.record({ tx, companyId, actor: systemActor }, { action: "test.row", entityType: "Test", entityId: rowId }),
  );
const succeeded = (by: string) => runs.filter((r) => r.by === by && r.visible).map((r) => r.rowId);

beforeAll(async () => {
  companyId = (await makeCompany("emit")).company.id;
});
afterEach(async () => {
  await settleInline();
  vi.restoreAllMocks();
  delete process.env.INNGEST_DEV;
  handleEventsInline();
});

it("without Inngest, runs each consuming handler once, after the caller's transaction commits", async () => {
  runInline([throwing, answering]);
  runs = [];
  const rowId = newId();
  await withTenant(companyId, async (tx) => {
    await audit.record(
      { tx, companyId, actor: systemActor },
      { action: "test.row", entityType: "Test", entityId: rowId },
    );
    await emit(rowWritten, { companyId, rowId });
    // The handlers start now, on their own connections, and cannot see the row until this commits.
    await new Promise((r) => setTimeout(r, 600));
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => !r.visible)).toBe(true);
  });
  await settleInline();
  expect(succeeded("throwing")).toEqual([rowId]);
  expect(succeeded("answering")).toEqual([rowId]);
});

it("retries a handler whose NotFound comes from another copy of the errors module (a production build)", async () => {
  // Next.js bundles instrumentation.ts, which hands over the handlers, apart from the routes
  // that emit: the handler's NotFound is then an instance of a second copy of the class.
  const { NotFound: OtherCopy } = await vi.importActual<typeof import("../lib/errors")>("../lib/errors?copy");
  expect(OtherCopy).not.toBe(NotFound);
  const fromOtherBundle = consumer(rowWritten, async ({ rowId }) => {
    const row = await rowOf(rowId);
    runs.push({ by: "other-bundle", rowId, visible: !!row });
    if (!row) throw new OtherCopy("Row");
    return row.id;
  });
  runInline([fromOtherBundle]);
  runs = [];
  const rowId = newId();
  await withTenant(companyId, async (tx) => {
    await audit.record(
      { tx, companyId, actor: systemActor },
      { action: "test.row", entityType: "Test", entityId: rowId },
    );
    await emit(rowWritten, { companyId, rowId });
    await new Promise((r) => setTimeout(r, 600));
  });
  await settleInline();
  expect(succeeded("other-bundle")).toEqual([rowId]);
});

it("with Inngest configured, sends the event with its id and handles nothing here", async () => {
  runInline([throwing]);
  runs = [];
  const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt"] } as never);
  process.env.INNGEST_DEV = "1";
  const rowId = newId();
  await writeRow(rowId);
  await emit(rowWritten, { companyId, rowId }, { id: `row-${rowId}` });
  await settleInline();
  expect(send).toHaveBeenCalledExactlyOnceWith({
    id: `row-${rowId}`,
    name: "test/row.written",
    data: { companyId, rowId },
  });
  expect(runs).toEqual([]);
});

it("many events at once go to Inngest in requests of SEND_CHUNK, each event with its own id", async () => {
  runInline([throwing]);
  runs = [];
  const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt"] } as never);
  process.env.INNGEST_DEV = "1";
  const rowIds = Array.from({ length: SEND_CHUNK + 1 }, () => newId());
  await emitMany(
    rowWritten,
    rowIds.map((rowId) => ({ data: { companyId, rowId }, id: `row-${rowId}` })),
  );
  await settleInline();
  expect(send).toHaveBeenCalledTimes(2);
  const sent = send.mock.calls.flatMap(
    ([events]) => events as unknown as { id: string; name: string; data: unknown }[],
  );
  expect(sent).toEqual(
    rowIds.map((rowId) => ({ id: `row-${rowId}`, name: "test/row.written", data: { companyId, rowId } })),
  );
  expect(runs).toEqual([]);
});

it("many events without Inngest, or refused by it, run each consuming handler once per event here", async () => {
  runInline([throwing]);
  runs = [];
  const rowIds = [newId(), newId(), newId()];
  for (const rowId of rowIds) await writeRow(rowId);
  await emitMany(
    rowWritten,
    rowIds.slice(0, 2).map((rowId) => ({ data: { companyId, rowId } })),
  );
  vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED"));
  vi.spyOn(console, "error").mockImplementation(() => {});
  process.env.INNGEST_DEV = "1";
  await emitMany(rowWritten, [{ data: { companyId, rowId: rowIds[2]! }, id: `row-${rowIds[2]}` }]);
  await settleInline();
  expect(succeeded("throwing").sort()).toEqual([...rowIds].sort());
});

it("many events: one whose data fails the schema stops them all before any is sent", async () => {
  runInline([throwing]);
  runs = [];
  const send = vi.spyOn(inngest, "send");
  process.env.INNGEST_DEV = "1";
  await expect(
    emitMany(rowWritten, [{ data: { companyId, rowId: newId() } }, { data: { companyId } as never }]),
  ).rejects.toThrow(/test\/row\.written refused.*rowId/);
  await settleInline();
  expect(send).not.toHaveBeenCalled();
  expect(runs).toEqual([]);
});

it("when Inngest refuses the send, handles the event here instead", async () => {
  runInline([throwing]);
  runs = [];
  vi.spyOn(inngest, "send").mockRejectedValue(new Error("connect ECONNREFUSED"));
  vi.spyOn(console, "error").mockImplementation(() => {});
  process.env.INNGEST_DEV = "1";
  const rowId = newId();
  await writeRow(rowId);
  await emit(rowWritten, { companyId, rowId });
  await settleInline();
  expect(succeeded("throwing")).toEqual([rowId]);
});

it("refuses data that fails the event's schema, before Inngest or a handler sees it", async () => {
  runInline([throwing]);
  runs = [];
  const send = vi.spyOn(inngest, "send");
  await expect(emit(subscriptionChanged, { companyId, subscriptionId: "" })).rejects.toThrow(
    /^Event lastmile\/subscription\.changed refused, its data does not match its schema \(subscriptionId: .+\)$/,
  );
  process.env.INNGEST_DEV = "1";
  await expect(emit(rowWritten, { companyId } as never)).rejects.toThrow(/test\/row\.written refused.*rowId/);
  await settleInline();
  expect(send).not.toHaveBeenCalled();
  expect(runs).toEqual([]);
});

it("a function refuses an event whose data fails the declared schema", async () => {
  const run = await new InngestTestEngine({
    function: provisionSubscription,
    events: [{ name: subscriptionChanged.name, data: { companyId } }],
  }).execute();
  expect(run.error).toMatchObject({ name: "EventValidationError", message: expect.stringMatching(/subscriptionId/) });
});

it("an event nobody handles without Inngest is an error, not silently dropped", async () => {
  runInline([]);
  await expect(emit(rowWritten, { companyId, rowId: newId() })).rejects.toThrow(/Nothing handles test\/row\.written/);
});
