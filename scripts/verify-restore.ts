// npm run verify-restore: restores the newest backup in BACKUP_DIR into a scratch database on
// DATABASE_URL's server, compares every table's row count with the backup's manifest, applies
// this build's migrations to the copy, drops it, and exits 1 on any difference.
// KEEP_RESTORE=1 keeps the scratch database for a look.
import path from "node:path";
import { verifyRestore } from "../server/db/backup";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the check creates its scratch database on that server.");
  process.exit(1);
}
const dir = path.resolve(process.env.BACKUP_DIR || ".data/backups");
try {
  const r = await verifyRestore({ url, dir, keepScratch: process.env.KEEP_RESTORE === "1" });
  console.log(`Restored ${r.file} into ${r.scratchDatabase}: ${r.tables} tables, ${r.rows} rows.`);
  for (const m of r.mismatches)
    console.error(`MISMATCH ${m.table}: backup had ${m.expected ?? "no table"}, restored ${m.restored ?? "no table"}`);
  for (const p of r.migrationProblems) console.error(`MIGRATIONS ${p}`);
  if (r.appliedOnRestore.length)
    console.log(`Migrations of this build applied to the copy: ${r.appliedOnRestore.join(", ")}`);
  console.log(r.ok ? "Restore verified." : "Restore verification FAILED.");
  process.exit(r.ok ? 0 : 1);
} catch (err) {
  console.error(`Restore verification failed: ${(err as Error).message}`);
  process.exit(1);
}
