// npm run backup: a pg_dump (custom format) of DATABASE_URL into BACKUP_DIR with a manifest of
// row counts; keeps the newest BACKUP_KEEP. See docs/OPERATIONS.md, "Backups and restore".
import path from "node:path";
import { backup } from "../server/db/backup";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: the backup reads the database as its owner (a role that bypasses RLS).");
  process.exit(1);
}
const dir = path.resolve(process.env.BACKUP_DIR || ".data/backups");
const keep = Number(process.env.BACKUP_KEEP || 14);
try {
  const m = await backup({ url, dir, keep });
  const rows = Object.values(m.counts).reduce((a, b) => a + b, 0);
  console.log(
    `Backup ${path.join(dir, m.file)}: ${Object.keys(m.counts).length} tables, ${rows} rows; keeping ${keep}.`,
  );
} catch (err) {
  console.error(`Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
