import { createServer, type Server } from "node:http";
import { log } from "../lib/log";
import { METRICS_CONTENT_TYPE, metricsText } from "../lib/metrics";

// METRICS_PORT: the metrics on a port of their own, without a token, for a Prometheus that
// scrapes inside the cluster (the port is not exposed by the Service/Ingress; docs/OPERATIONS.md).

export async function startMetricsServer(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" || (path !== "/metrics" && path !== "/api/metrics")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Metrics are at /metrics.\n");
      return;
    }
    metricsText().then(
      (text) => res.writeHead(200, { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" }).end(text),
      (err: unknown) => {
        log.error({ err }, "metrics: could not collect");
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  log.info({ port, host }, "metrics served on their own port");
  return server;
}
