import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // .next/standalone: the server files and only the node_modules they need, for the container
  // image. Our own HTTP server (server/http/next-server.ts) runs it, not the generated server.js:
  // scripts/build-standalone.ts bundles it beside (docs/OPERATIONS.md, "Container image").
  output: "standalone",
  // `/api/x` and `/api/x/` both work: proxy.ts strips the slash instead of redirecting.
  skipTrailingSlashRedirect: true,
  serverExternalPackages: [
    "@node-rs/argon2",
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "pg",
    "@prisma/adapter-pg",
    // Reads its RADIUS dictionaries from its own folder at run time.
    "radius",
    // UDP sockets and CommonJS internals: loaded from node_modules by the server, not bundled.
    "net-snmp",
    // One copy each for our HTTP server and every bundle (metrics registry, Redis connections).
    "prom-client",
    "ioredis",
  ],
  allowedDevOrigins: ["*.localhost", "localhost", "127.0.0.1"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
