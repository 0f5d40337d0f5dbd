import { Prisma } from "./generated/prisma/client";
import type { Tx } from "./tenant";

// Many rows in one INSERT: one array parameter per column, unnested by PostgreSQL. A billing run
// writes hundreds of invoices, lines and taxes per transaction; this costs one round trip and a
// few dozen parameters per table, where an ORM's createMany binds every value of every row.

export type Column<Row> = [name: string, sqlType: string, value: (row: Row) => unknown];

export async function insertRows<Row>(tx: Tx, table: string, columns: Column<Row>[], rows: readonly Row[]) {
  if (rows.length === 0) return;
  const names = Prisma.raw(columns.map(([name]) => `"${name}"`).join(", "));
  const arrays = Prisma.join(
    columns.map(([, type, value]) => Prisma.sql`${rows.map((r) => value(r) ?? null)}::${Prisma.raw(type)}[]`),
  );
  await tx.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) SELECT * FROM unnest(${arrays})`;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
export const dateColumn = <Row>(name: string, value: (row: Row) => Date | null | undefined): Column<Row> => [
  name,
  "date",
  (r) => day(value(r)),
];
