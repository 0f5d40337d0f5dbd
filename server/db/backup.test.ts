import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../test/fixtures";
import { backup, listBackups, verifyRestore, type BackupManifest } from "./backup";

// Backups and their proof against this file's own database on the real PostgreSQL, with the
// PostgreSQL client tools (pg_dump, pg_restore) the CI machine has from Debian's postgresql-client.

const url = () => process.env.DATABASE_URL!;
const root = path.resolve(import.meta.dirname, "../..");

async function scratchDatabases(): Promise<string[]> {
  const admin = new URL(url());
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'lastmile_restore_%'",
  );
  await client.end();
  return rows.map((r) => r.datname);
}

beforeAll(async () => {
  await makeCompany("backup-isp");
});

// pg_dump, pg_restore and a fresh database per check: seconds each, more on a loaded machine.
describe("backup and restore verification", { timeout: 240_000 }, () => {
  it("keeps the newest BACKUP_KEEP dumps, and the newest restores with every table's rows", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "backups-"));
    const first = await backup({ url: url(), dir, keep: 2, now: new Date("2026-12-01T02:15:00Z") });
    await backup({ url: url(), dir, keep: 2, now: new Date("2026-12-02T02:15:00Z") });
    await makeCompany("backup-isp-2");
    const last = await backup({ url: url(), dir, keep: 2, now: new Date("2026-12-03T02:15:00Z") });
    expect(await listBackups(dir)).toEqual([last.file, "lastmile-20261202T021500000Z.dump"]);
    expect(readdirSync(dir).sort()).not.toContain(first.file);
    expect(last.counts['public."Company"']).toBe(2);
    expect(last.migrations.length).toBeGreaterThan(10);

    const before = await scratchDatabases();
    const report = await verifyRestore({ url: url(), dir });
    expect(report).toMatchObject({
      ok: true,
      file: last.file,
      mismatches: [],
      migrationProblems: [],
      appliedOnRestore: [],
    });
    expect(report.tables).toBe(Object.keys(last.counts).length);
    expect(report.rows).toBeGreaterThan(0);
    // The scratch database is gone again.
    expect(await scratchDatabases()).toEqual(before);
  });

  it("fails, naming the table, when the restored rows differ from what the backup counted", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "backups-"));
    const m = await backup({ url: url(), dir, keep: 3 });
    // A manifest that says one more company than the dump holds: as if rows were lost on the way.
    const manifestFile = path.join(dir, `${m.file}.json`);
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as BackupManifest;
    manifest.counts['public."Company"'] += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));

    const report = await verifyRestore({ url: url(), dir });
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([
      {
        table: 'public."Company"',
        expected: manifest.counts['public."Company"'],
        restored: manifest.counts['public."Company"'] - 1,
      },
    ]);

    // The command exits non-zero and says what differs.
    const cli = spawnSync(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/verify-restore.ts"],
      {
        cwd: root,
        env: { ...process.env, BACKUP_DIR: dir },
        encoding: "utf8",
      },
    );
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('MISMATCH public."Company"');
  });

  it("fails on a damaged dump", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "backups-"));
    const m = await backup({ url: url(), dir, keep: 3 });
    writeFileSync(path.join(dir, m.file), "not a dump");
    await expect(verifyRestore({ url: url(), dir })).rejects.toThrow(/pg_restore exited 1/);
  });
});
