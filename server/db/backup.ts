import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { listMigrations, migrate } from "./migrate";

// Backups (npm run backup) and their proof (npm run verify-restore). A backup is a pg_dump in
// custom format plus a manifest with the row count of every table, counted in the very snapshot
// pg_dump dumps (pg_export_snapshot), so the counts are exactly what the dump holds. The check
// restores the newest backup into a scratch database, compares every table's count with the
// manifest, applies this build's migrations to the restored copy, and drops it again.

const PREFIX = "lastmile-";

export interface BackupManifest {
  file: string;
  createdAt: string;
  database: string;
  serverVersion: string;
  migrations: string[];
  /** Rows per table ("schema.table"), in the dump's snapshot. */
  counts: Record<string, number>;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (err) =>
      reject(new Error(`${cmd} could not be started (${err.message}): install PostgreSQL's client tools`)),
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${stderr.trim().slice(-2000)}`)),
    );
  });
}

/** Every table's row count, as the connection sees it (row_security off: an error rather than a filtered count). */
async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const tables = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
    counts[name] = Number(rows[0].n);
  }
  return counts;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(".", "");

/** pg_dump of `url` into `dir` (custom format) with its manifest; then only the newest `keep` are kept. */
export async function backup(opts: { url: string; dir: string; keep: number; now?: Date }): Promise<BackupManifest> {
  if (!Number.isInteger(opts.keep) || opts.keep < 1)
    throw new Error("BACKUP_KEEP must be a whole number of at least 1.");
  await mkdir(opts.dir, { recursive: true });
  const createdAt = opts.now ?? new Date();
  const file = `${PREFIX}${stamp(createdAt)}.dump`;
  const client = new pg.Client({ connectionString: opts.url });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // A role that row-level security would filter must fail here, not produce a partial backup.
    await client.query("SET LOCAL row_security = off");
    const snapshot = (await client.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0].s;
    const counts = await countRows(client);
    const migrations = await client
      .query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
      )
      .then((r) => r.rows.map((m) => m.migration_name))
      .catch(() => []);
    const info = (await client.query<{ db: string; v: string }>("SELECT current_database() AS db, version() AS v"))
      .rows[0];
    const partial = path.join(opts.dir, `${file}.partial`);
    await run("pg_dump", ["--format=custom", `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${opts.url}`]);
    await client.query("COMMIT");
    const manifest: BackupManifest = {
      file,
      createdAt: createdAt.toISOString(),
      database: info.db,
      serverVersion: info.v,
      migrations,
      counts,
    };
    await writeFile(path.join(opts.dir, `${file}.json`), JSON.stringify(manifest, null, 2));
    // The dump appears under its name only when it is complete (and its manifest is there).
    await rename(partial, path.join(opts.dir, file));
    await prune(opts.dir, opts.keep);
    return manifest;
  } finally {
    await client.end();
  }
}

/** Backups in `dir`, newest first. */
export async function listBackups(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.startsWith(PREFIX) && n.endsWith(".dump"))
    .sort()
    .reverse();
}

async function prune(dir: string, keep: number) {
  for (const old of (await listBackups(dir)).slice(keep)) {
    await rm(path.join(dir, old), { force: true });
    await rm(path.join(dir, `${old}.json`), { force: true });
  }
}

export interface RestoreReport {
  ok: boolean;
  file: string;
  scratchDatabase: string;
  tables: number;
  rows: number;
  /** Tables whose count differs from the manifest's (or that are missing on one side). */
  mismatches: { table: string; expected: number | null; restored: number | null }[];
  /** Migrations the backup had that this build does not ship, or whose file changed. */
  migrationProblems: string[];
  /** Migrations of this build that the restored copy lacked and that applied cleanly to it. */
  appliedOnRestore: string[];
}

/** Restores the newest backup in `dir` into a scratch database on `url`'s server and checks it. */
export async function verifyRestore(opts: { url: string; dir: string; keepScratch?: boolean }): Promise<RestoreReport> {
  const [latest] = await listBackups(opts.dir);
  if (!latest) throw new Error(`No backup (${PREFIX}*.dump) in ${opts.dir}.`);
  const manifest = JSON.parse(await readFile(path.join(opts.dir, `${latest}.json`), "utf8")) as BackupManifest;
  const scratch = `lastmile_restore_${Date.now().toString(36)}`;
  const admin = new URL(opts.url);
  admin.pathname = "/postgres";
  const scratchUrl = new URL(opts.url);
  scratchUrl.pathname = `/${scratch}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    await adminClient.query(`CREATE DATABASE "${scratch}"`);
    try {
      // Owners and grants are left out: the scratch copy is read by this check only (the roles
      // are per server; a real restore onto a new server creates lastmile_app first, see docs).
      await run("pg_restore", [
        "--no-owner",
        "--no-acl",
        "--exit-on-error",
        `--dbname=${scratchUrl.toString()}`,
        path.join(opts.dir, latest),
      ]);
      const client = new pg.Client({ connectionString: scratchUrl.toString() });
      await client.connect();
      let restored: Record<string, number>;
      try {
        await client.query("SET row_security = off");
        restored = await countRows(client);
      } finally {
        await client.end();
      }
      const tables = [...new Set([...Object.keys(manifest.counts), ...Object.keys(restored)])].sort();
      const mismatches = tables
        .filter((t) => manifest.counts[t] !== restored[t])
        .map((t) => ({ table: t, expected: manifest.counts[t] ?? null, restored: restored[t] ?? null }));
      const shipped = new Set((await listMigrations()).map((m) => m.name));
      const migrationProblems = manifest.migrations
        .filter((m) => !shipped.has(m))
        .map((m) => `${m}: in the backup, not in this build (restore with the release that made it)`);
      let appliedOnRestore: string[] = [];
      if (migrationProblems.length === 0) {
        try {
          appliedOnRestore = (await migrate(scratchUrl.toString())).applied;
        } catch (err) {
          migrationProblems.push(`migrating the restored copy failed: ${(err as Error).message}`);
        }
      }
      return {
        ok: mismatches.length === 0 && migrationProblems.length === 0,
        file: latest,
        scratchDatabase: scratch,
        tables: Object.keys(restored).length,
        rows: Object.values(restored).reduce((a, b) => a + b, 0),
        mismatches,
        migrationProblems,
        appliedOnRestore,
      };
    } finally {
      if (!opts.keepScratch) await adminClient.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
    }
  } finally {
    await adminClient.end();
  }
}
