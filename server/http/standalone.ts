// The container image's entry (dist/start.mjs, bundled by scripts/build-standalone.ts): `npm start`
// (scripts/start.ts) run from Next.js's standalone output. That folder has no next.config.ts;
// the build's resolved configuration is in .next/required-server-files.json, which Next.js reads
// from this variable (its own generated server.js does the same). Everything else, migrations
// at start and our HTTP server with its direct RADIUS routes, is scripts/start.ts unchanged.
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const required = JSON.parse(readFileSync(path.join(root, ".next/required-server-files.json"), "utf8")) as {
  config: unknown;
};
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(required.config);
process.argv[2] = "start";
await import("../../scripts/start");
