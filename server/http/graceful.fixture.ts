// A child process for graceful.test.ts: the production server's graceful shutdown (./graceful.ts,
// with the same signal handling as scripts/start.ts) in front of a handler with a slow route
// instead of Next.js, on a loopback port. Prints {"port":…} once listening.
import type { AddressInfo } from "node:net";
import { exitOnSignals, gracefulServer } from "./graceful";

const graceful = gracefulServer(
  (req, res) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    const ms = Number(url.searchParams.get("ms") ?? 0);
    setTimeout(() => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`done after ${ms} ms`);
    }, ms);
  },
  {
    ready: async () => true,
    delayMs: Number(process.env.SHUTDOWN_DELAY_MS ?? 0),
    timeoutMs: Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000),
  },
);
await graceful.listen(0, "127.0.0.1");
exitOnSignals(async () => {
  const { cutOff } = await graceful.drain();
  console.log(JSON.stringify({ drained: true, cutOff }));
});
console.log(JSON.stringify({ port: (graceful.server.address() as AddressInfo).port }));
