import type pg from "pg";

// A normalised listing of the public schema's tables, columns, indexes, constraints and enums,
// one line per fact, so two databases can be compared (see scripts/db-diff.ts --check).
export async function describeSchema(client: pg.Client): Promise<string[]> {
  const q = async (sql: string) => (await client.query(sql)).rows.map((r) => Object.values(r).join(" | "));
  const lines = [
    ...(await q(`SELECT 'column', table_name, column_name, data_type, coalesce(character_maximum_length::text,''), is_nullable, coalesce(column_default,'')
                 FROM information_schema.columns WHERE table_schema='public' AND table_name <> '_prisma_migrations'`)),
    ...(await q(
      `SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname='public' AND tablename <> '_prisma_migrations'`,
    )),
    // A foreign key made DEFERRABLE (still checked at each statement unless a transaction defers
    // it) is written by hand in its migration: Prisma's schema cannot say so. Only INITIALLY
    // DEFERRED, which changes what every writer sees, would count as a difference.
    ...(await q(`SELECT 'constraint', conrelid::regclass::text, conname, regexp_replace(pg_get_constraintdef(oid), ' DEFERRABLE$', '')
                 FROM pg_constraint WHERE connamespace='public'::regnamespace AND contype IN ('p','f','u','c') AND conrelid::regclass::text <> '_prisma_migrations'`)),
    ...(await q(`SELECT 'enum', t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid=t.oid
                 WHERE t.typnamespace='public'::regnamespace`)),
  ];
  return lines.sort();
}
