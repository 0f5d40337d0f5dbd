import pg from "pg";
import { unseal } from "../lib/crypto";
import { env, resetEnvCache } from "../lib/env";

// What `npm start` checks before it serves anyone (scripts/start.ts): a missing or malformed
// variable, a development secret in production, or an APP_ENCRYPTION_KEY that does not open the
// secrets already sealed in the database. Each refuses the start with the variable's name, rather
// than failing request by request later.

export class StartupError extends Error {}

/** The environment, validated (server/lib/env.ts); a StartupError naming what is wrong. */
export function checkEnvironment(): void {
  resetEnvCache();
  try {
    env();
  } catch (err) {
    throw new StartupError((err as Error).message);
  } finally {
    // Start-up may still set variables (the embedded database's URL): read them again later.
    resetEnvCache();
  }
}

/** Sealed values the check tries to open: one of each is enough. */
const SEALED = [
  { table: "User", column: "totpSecret" },
  { table: "Nas", column: "secret" },
  { table: "SmsSettings", column: "secretSealed" },
  { table: "Customer", column: "taxIdSealed" },
];

/**
 * Opens one sealed value of the database with APP_ENCRYPTION_KEY, as the owner (DATABASE_URL), in
 * a transaction that is rolled back (row-level security is lifted inside it only). A database
 * with no sealed value yet passes.
 */
export async function checkSealingKey(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const { table, column } of SEALED) {
      const exists = await client.query(`SELECT to_regclass($1) AS t`, [`"${table}"`]);
      if (!exists.rows[0]?.t) continue;
      await client.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
      const { rows } = await client.query<{ v: string }>(
        `SELECT "${column}" AS v FROM "${table}" WHERE "${column}" LIKE 'v1.%' LIMIT 1`,
      );
      if (!rows[0]) continue;
      try {
        unseal(rows[0].v);
        return;
      } catch {
        throw new StartupError(
          `APP_ENCRYPTION_KEY does not open the secrets sealed in this database (tried ${table}.${column}): set the key they were sealed with.`,
        );
      }
    }
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}
