import { createServer } from "node:http";
import next from "next";
import { stampPeer } from "./peer";

// The production HTTP server: Next.js's own request handler behind a plain node:http server, so
// every request carries the address of the socket it came in on (./peer.ts).

export async function startNextServer(opts: { dir: string; port: number; hostname?: string }) {
  const app = next({ dev: false, dir: opts.dir, port: opts.port, hostname: opts.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    stampPeer(req);
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  console.log(`Lastmile is listening on port ${opts.port}.`);
  return {
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
