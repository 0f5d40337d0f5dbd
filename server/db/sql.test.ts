import { describe, expect, it } from "vitest";
import { withTenantSql } from "./sql";

// Plain SQL transactions write parameters into the statement's text as literals (sql.ts): every
// value must come back from PostgreSQL exactly as it was given, whatever it holds.

const COMPANY = "sql-test-company";

describe("plain SQL transactions", () => {
  it("gives PostgreSQL every text as it is: quotes, backslashes, parameter-like text, any script", async () => {
    const texts = [
      "it's",
      "back\\slash",
      "both ' and \\",
      "\\'",
      "''",
      "$1 and $2 stay text",
      "ünïcødé ✓ 你好",
      "",
      "a;\nDROP TABLE x",
    ];
    const [row] = await withTenantSql(COMPANY, (tx) =>
      tx.query<{ texts: string[] }>(
        `SELECT ARRAY[${texts.map((_, n) => `$${n + 1}::text`).join(", ")}] AS texts`,
        texts,
      ),
    );
    expect(row.texts).toEqual(texts);
  });

  it("gives numbers, whole numbers past 2^53, true/false, times and nothing as themselves", async () => {
    const at = new Date("2026-12-05T07:00:00.123Z");
    const [row] = await withTenantSql(COMPANY, (tx) =>
      tx.query<{ n: number; big: string; yes: boolean; at: Date; nothing: boolean }>(
        `SELECT $1::float8 AS n, $2::numeric::text AS big, $3::boolean AS yes, $4::timestamptz AS at, $5::text IS NULL AS nothing`,
        [-12.5, 2n ** 64n + 1n, true, at, null],
      ),
    );
    expect(row).toEqual({ n: -12.5, big: "18446744073709551617", yes: true, at, nothing: true });
  });

  it("gives a large JSON parameter as it is, with the quotes inside its texts", async () => {
    const rows = Array.from({ length: 5_000 }, (_, n) => ({ u: `user'${n}\\`, n }));
    const [row] = await withTenantSql(COMPANY, (tx) =>
      tx.query<{ count: number; first: string; last: string }>(
        `SELECT count(*)::int AS count, min(u) FILTER (WHERE n = 0) AS first, min(u) FILTER (WHERE n = 4999) AS last
         FROM json_to_recordset($1::json) AS r(u text, n int)`,
        [JSON.stringify(rows)],
      ),
    );
    expect(row).toEqual({ count: 5_000, first: "user'0\\", last: "user'4999\\" });
  });

  it("runs statements queued with later() in order, before the next query, in the same transaction", async () => {
    const [row] = await withTenantSql(COMPANY, async (tx) => {
      tx.later("CREATE TEMP TABLE queued (n int) ON COMMIT DROP");
      tx.later("INSERT INTO queued VALUES ($1), ($2)", [1, 2]);
      return tx.query<{ total: number; company: string }>(
        "SELECT sum(n)::int AS total, current_setting('app.company_id') AS company FROM queued",
      );
    });
    expect(row).toEqual({ total: 3, company: COMPANY });
  });

  it("refuses a text with the NUL character, or a parameter it was not given, before sending anything", async () => {
    await expect(withTenantSql(COMPANY, (tx) => tx.query("SELECT $1::text", ["a\u0000b"]))).rejects.toThrow(
      "NUL character",
    );
    await expect(withTenantSql(COMPANY, (tx) => tx.query("SELECT $1::text, $2::text", ["a"]))).rejects.toThrow(
      "No parameter $2",
    );
  });
});
