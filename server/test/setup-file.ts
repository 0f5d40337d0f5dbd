import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "../db/client";
import { resetEnvCache } from "../lib/env";
import { adminQuery, urlFor } from "./databases";
import { startMailCapture, stopMailCapture } from "./mail";

// Per test file: a fresh database cloned from the migrated template, so files never share rows.
const database = `lastmile_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
await adminQuery(`CREATE DATABASE "${database}" TEMPLATE "${inject("templateDatabase")}"`);
process.env.DATABASE_URL = urlFor(database);
process.env.APP_DATABASE_URL = urlFor(database, "lastmile_app");
delete process.env.DATABASE_POOL_MAX;
resetEnvCache();
// And its own fake Resend: e-mail is delivered through the real SDK, and tests read it there.
await startMailCapture();
// Without Inngest (as in tests), emitted events run their functions' handlers in this process.
// Imported in a hook, after the test file's own imports: importing the modules here, first,
// would load them before the test file's vi.mock calls could replace what they import.
beforeAll(async () => {
  const { handleEventsInline } = await import("../jobs");
  handleEventsInline();
});

afterAll(async () => {
  // Handlers a test's emit() started (a receipt, an invoice e-mail) finish before the database
  // is dropped under them; otherwise their connection is cut and the error lands in a later file.
  const { settleInline } = await import("../jobs/emit");
  await settleInline();
  await stopMailCapture();
  await disconnectDb();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});
