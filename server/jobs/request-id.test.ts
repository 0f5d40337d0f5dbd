import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { eventType, Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { log } from "../lib/log";
import { requestContext, withRequestContext } from "../lib/request-context";
import { ObserveJobs } from "./observe";

// A request's id follows it into the jobs it starts through Inngest: the app's middleware
// (./observe.ts, on the app's client) adds it to every event it sends, and a run of a function
// takes it back, so the run's log lines carry the id of the request that caused it.

const customerImported = eventType("test/customer.imported", { schema: z.object({ customerId: z.string() }) });

/** What one log line written now carries beside its message (the logger's mixin: request id, company, job). */
const logFields = () => (log as unknown as Record<symbol, () => object>)[pino.symbols.mixinSym]();

// A stand-in for Inngest's event API on a loopback port: records what the SDK sends.
let eventApi: Server;
const received: unknown[] = [];
let client: Inngest.Any;
beforeAll(async () => {
  eventApi = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      const events = JSON.parse(body) as unknown[];
      received.push(...events);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ids: events.map((_, i) => `evt-${i}`), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => eventApi.listen(0, "127.0.0.1", resolve));
  client = new Inngest({
    id: "request-id-test",
    middleware: [ObserveJobs],
    baseUrl: `http://127.0.0.1:${(eventApi.address() as AddressInfo).port}`,
    eventKey: "test-event-key",
    isDev: false,
  });
});
afterAll(() => eventApi.close());

it("an event sent while a request runs carries the request's id and company in data.meta", async () => {
  received.length = 0;
  await withRequestContext({ requestId: "req-7f3a", companyId: "company-1" }, () =>
    client.send({ name: customerImported.name, data: { customerId: "cus-1" } }),
  );
  expect(received).toMatchObject([
    {
      name: "test/customer.imported",
      data: { customerId: "cus-1", meta: { requestId: "req-7f3a", companyId: "company-1" } },
    },
  ]);
});

it("an event sent outside any request (a schedule) carries no meta", async () => {
  received.length = 0;
  await client.send({ name: customerImported.name, data: { customerId: "cus-2" } });
  expect(received).toMatchObject([{ data: { customerId: "cus-2" } }]);
  expect((received[0] as { data: object }).data).not.toHaveProperty("meta");
});

it("a run's log lines carry the id of the request that sent its event, and its company", async () => {
  const seen = client.createFunction({ id: "note-import", triggers: [customerImported] }, async ({ event }) => ({
    customerId: event.data.customerId,
    context: requestContext(),
    logged: logFields(),
  }));
  const { result } = await new InngestTestEngine({
    function: seen,
    events: [
      {
        name: customerImported.name,
        data: { customerId: "cus-1", meta: { requestId: "req-7f3a", companyId: "company-1" } },
      },
    ],
  }).execute();
  expect(result).toEqual({
    customerId: "cus-1",
    context: { requestId: "req-7f3a", companyId: "company-1", job: "note-import" },
    logged: { requestId: "req-7f3a", companyId: "company-1", job: "note-import" },
  });
});

it("a run whose event came without meta has a request id of its own", async () => {
  const seen = client.createFunction({ id: "note-import-2", triggers: [customerImported] }, async () => logFields());
  const { result } = await new InngestTestEngine({
    function: seen,
    events: [{ name: customerImported.name, data: { customerId: "cus-3" } }],
  }).execute();
  expect(result).toMatchObject({ requestId: expect.stringMatching(/^inngest:/), job: "note-import-2" });
});
