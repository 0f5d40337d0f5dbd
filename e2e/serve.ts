// The server the end-to-end tests talk to: a fresh database on the real PostgreSQL, the
// production build (`next build` runs first in `npm test`), migrations and the demo seed.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

const port = process.env.E2E_PORT ?? "3300";
const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const database = `lastmile_e2e_${port}`;

const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
await client.query(`CREATE DATABASE "${database}"`);
await client.end();

const url = new URL(admin);
url.pathname = `/${database}`;
const root = path.resolve(import.meta.dirname, "..");
const child = spawn(
  process.execPath,
  [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/start.ts"), "start"],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: port,
      ROOT_DOMAIN: `localhost:${port}`,
      NODE_ENV: "production",
      // The specs sign in as the demo company's people.
      SEED_DEMO: "1",
      AUTH_SECRET: "e2e-auth-secret-0123456789abcdef",
      APP_ENCRYPTION_KEY: "e2e-encryption-key-0123456789abcdef",
    },
  },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
