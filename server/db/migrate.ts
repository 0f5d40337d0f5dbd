import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { DATA_STEPS, type DataStep } from "../../prisma/data-migrations";

// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, and records
// them in _prisma_migrations exactly as Prisma does (same table, sha256 checksum), so that
// `prisma migrate deploy` on a machine with Prisma's native engine sees them as applied.
// Prisma's own engine cannot be downloaded on our machines; see docs/OPERATIONS.md.
// A migration may have a data step (prisma/data-migrations.ts): code that runs right before its
// SQL, in its transaction, for what SQL cannot do (sealing values with our key).

// Inside the Next.js server bundle import.meta.dirname is undefined; the app runs from the repository root.
export const MIGRATIONS_DIR = import.meta.dirname
  ? path.resolve(import.meta.dirname, "../../prisma/migrations")
  : path.resolve(process.cwd(), "prisma/migrations");

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    entries.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export interface MigrateOptions {
  /** Stop after this migration (tests build an older database with it). */
  upTo?: string;
  /** Data steps by migration name; the committed ones unless a test gives its own. */
  dataSteps?: Record<string, DataStep>;
}

/** Apply pending migrations with the owner's connection string. Safe to run concurrently (advisory lock). */
export async function migrate(
  connectionString: string,
  log: (line: string) => void = () => {},
  { upTo, dataSteps = DATA_STEPS }: MigrateOptions = {},
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(72707301)");
    await client.query(CREATE_TABLE);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const doneByName = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    const all = await listMigrations();
    if (upTo && !all.some((m) => m.name === upTo)) throw new Error(`No migration named ${upTo}`);
    const wanted = upTo ? all.slice(0, all.findIndex((m) => m.name === upTo) + 1) : all;
    for (const m of wanted) {
      const previous = doneByName.get(m.name);
      if (previous) {
        if (previous !== m.checksum) log(`warning: migration ${m.name} was edited after it was applied`);
        continue;
      }
      log(`applying ${m.name}`);
      await client.query("BEGIN");
      try {
        const step = dataSteps[m.name];
        if (step) await step(client, log);
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
           VALUES ($1, $2, now(), $3, 1, now())`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: doneByName.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock(72707301)").catch(() => {});
    await client.end();
  }
}
