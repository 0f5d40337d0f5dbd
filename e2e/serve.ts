// The server the end-to-end tests talk to: a fresh database on the real PostgreSQL, the
// production build (`next build` runs first in `npm test`), migrations and the demo seed, and a
// fake Resend that receives its e-mail (e2e/mail.ts reads it). Africa's Talking is pointed at a
// local port where an SMS spec starts its own fake (e2e/sms.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startFakeResend } from "../server/test/fake-resend";
import { forgetTwoFactorEnrolments } from "./acme-admin";
import { E2E_RESEND_KEY, mailPortFor } from "./mail";
import { smsProviderPortFor } from "./sms";

const port = process.env.E2E_PORT ?? "3300";
const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const database = `lastmile_e2e_${port}`;

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
      DATABASE_URL: url.toString(),
      PORT: port,
      ROOT_DOMAIN: `localhost:${port}`,
      NODE_ENV: "production",
      // The specs sign in as the demo company's people.
      SEED_DEMO: "1",
      AUTH_SECRET: "e2e-auth-secret-0123456789abcdef",
      APP_ENCRYPTION_KEY: "e2e-encryption-key-0123456789abcdef",
      RESEND_API_KEY: E2E_RESEND_KEY,
      RESEND_BASE_URL: resend.url,
      MAIL_FROM: "Lastmile e2e <no-reply@e2e.test>",
      // An SMS spec starts a fake Africa's Talking there while it runs; nothing else sends SMS.
      SMS_AFRICAS_TALKING_URL: `http://127.0.0.1:${smsProviderPortFor(Number(port))}`,
    },
  },
);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => void resend.close().finally(() => process.exit(code ?? 0)));
