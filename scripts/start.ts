// `npm run dev` / `npm start`: one command from a clean checkout to a running console.
// Without DATABASE_URL it starts the embedded PostgreSQL (PGlite, data in .data/pg) on a
// loopback port; then it applies the migrations, seeds the demo company (development, or
// SEED_DEMO=1) and starts Next.js.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../server/db/embedded";
import { isDatabaseUnavailable } from "../server/db/availability";
import { migrate } from "../server/db/migrate";
import { checkEnvironment, checkSealingKey, StartupError } from "../server/db/startup-checks";

const mode = process.argv[2] === "start" ? "start" : "dev";
const root = path.resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "3000";
process.env.ROOT_DOMAIN ??= `localhost:${port}`;
// `next start` serves in production mode whatever the shell says; the checks below must too.
if (mode === "start") (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";

/** Refuses to start, naming what is wrong: no request is served with a broken configuration. */
function refuse(err: unknown): never {
  if (!(err instanceof StartupError)) throw err;
  console.error(`Lastmile cannot start: ${err.message}`);
  process.exit(1);
}
try {
  checkEnvironment();
} catch (err) {
  refuse(err);
}

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  const dbPort = Number(process.env.EMBEDDED_DB_PORT ?? 54329);
  // One folder per port: two embedded servers must never open the same data directory.
  const dataDir = process.env.EMBEDDED_DB_DIR ?? path.join(root, dbPort === 54329 ? ".data/pg" : `.data/pg-${dbPort}`);
  embedded = await startEmbeddedDatabase(dataDir, dbPort);
  process.env.DATABASE_URL = embedded.url;
  // PGlite has a single user; every transaction still drops to lastmile_app (server/db/tenant.ts).
  process.env.APP_DATABASE_URL = embedded.url;
  process.env.DATABASE_POOL_MAX = "1";
  // One instance on one PGlite backend: nothing to share, no LISTEN connection (server/shared-state).
  process.env.LASTMILE_EMBEDDED_DB = "1";
  console.log(`Embedded PostgreSQL (PGlite) on 127.0.0.1:${dbPort}, data in ${path.relative(root, dataDir)}`);
}

const migrated = await migrate(process.env.DATABASE_URL!, (line) => console.log(line)).catch((err: unknown) => {
  if (!isDatabaseUnavailable(err)) throw err;
  const where = new URL(process.env.DATABASE_URL!).host;
  return refuse(
    new StartupError(`DATABASE_URL: PostgreSQL at ${where} cannot be reached (${(err as Error).message}).`),
  );
});
await checkSealingKey(process.env.DATABASE_URL!).catch(refuse);
console.log(`Migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already in place.`);

const { seed, wantsDemoSeed } = await import("../prisma/seed");
if (wantsDemoSeed(mode, process.env)) {
  // The demo's sign-ins share one published password: print them only for development.
  await seed(mode === "dev" ? console.log : () => {});
  const { disconnectDb } = await import("../server/db/client");
  await disconnectDb();
}

const nextBin = path.join(root, "node_modules/next/dist/bin/next");
if (mode === "start" && !existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.log("No production build yet: running `next build` first.");
  await new Promise<void>((resolve, reject) =>
    spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env }).on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build exited ${code}`)),
    ),
  );
}

const stop = async (code: number) => {
  await embedded?.stop().catch(() => {});
  process.exit(code);
};

if (mode === "start") {
  // Production: our own HTTP server in front of Next.js, so the client's address is the socket's
  // (server/http/next-server.ts), not whatever X-Forwarded-For a client sends.
  const { startNextServer } = await import("../server/http/next-server");
  const { exitOnSignals } = await import("../server/http/graceful");
  const server = await startNextServer({ dir: root, port: Number(port) });
  // SIGTERM: stop taking connections, finish what is in flight, close the pool, exit 0 (docs/OPERATIONS.md).
  exitOnSignals(async () => {
    await server.close();
    await embedded?.stop().catch(() => {});
  });
} else {
  const child = spawn(process.execPath, [nextBin, mode, "--port", port], { stdio: "inherit", env: process.env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => void stop(code ?? 0));
}
