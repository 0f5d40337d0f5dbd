// The server the end-to-end tests talk to: a fresh database on the real PostgreSQL, the
// production build (`next build` runs first in `npm test`), migrations and the demo seed, and a
// fake Resend that receives its e-mail (e2e/mail.ts reads it). Africa's Talking and Daraja are
// pointed at local ports where the specs that need them start their own fakes (e2e/sms.ts,
// e2e/mpesa.ts). The app's environment is e2e/app-env.ts.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startFakeResend } from "../server/test/fake-resend";
import { forgetTwoFactorEnrolments } from "./acme-admin";
import { e2eAppEnv, e2eDatabaseName } from "./app-env";
import { E2E_RESEND_KEY, mailPortFor } from "./mail";

const port = process.env.E2E_PORT ?? "3300";
const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const database = e2eDatabaseName(Number(port));

const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
await client.query(`CREATE DATABASE "${database}"`);
await client.end();
forgetTwoFactorEnrolments();

const resend = await startFakeResend(E2E_RESEND_KEY, mailPortFor(Number(port)));

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
      ...e2eAppEnv(Number(port), url.toString()),
      RESEND_BASE_URL: resend.url,
      PORT: port,
      NODE_ENV: "production",
      // The specs sign in as the demo company's people.
      SEED_DEMO: "1",
    },
  },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => void resend.close().finally(() => process.exit(code ?? 0)));
