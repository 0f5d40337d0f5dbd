// Migration SQL from prisma/schema.prisma, offline.
//   npm run db:diff -- <name> [--from <git-rev>]   write prisma/migrations/<timestamp>_<name>/migration.sql
//       with the SQL from schema.prisma at <git-rev> (default HEAD) to the working schema.prisma
//   npm run db:diff -- --check                      exit 1 when the migrations and schema.prisma drift
// Prisma 7's native schema engine cannot be downloaded on our machines; Prisma 6.19's WASM
// engine (`prisma6`) diffs two datamodels, but cannot introspect a database through an adapter.
// So --check builds one scratch database from the migrations and one from the schema, and
// compares their catalogs (server/db/describe.ts). Row-level-security policies, grants and
// functions are hand-written under the generated SQL; see prisma/migrations/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describeSchema } from "../server/db/describe";
import { migrate } from "../server/db/migrate";

const root = path.resolve(import.meta.dirname, "..");
/** PostgreSQL extensions the schema relies on (created in the migrations). */
const EXTENSIONS = ["pg_trgm"];
const adminUrl = () => process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function toPrisma6(schema: string): string {
  return schema
    .replace(/provider = "postgresql"/, 'provider = "postgresql"\n  url      = env("DATABASE_URL")')
    .replace(/generator client \{[^}]*\}/, 'generator client {\n  provider = "prisma-client-js"\n}');
}

/** SQL that takes datamodel `from` (null: empty database) to datamodel `to`. */
export function diffDatamodels(from: string | null, to: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lastmile-diff-"));
  writeFileSync(path.join(dir, "to.prisma"), toPrisma6(to));
  if (from !== null) writeFileSync(path.join(dir, "from.prisma"), toPrisma6(from));
  writeFileSync(
    path.join(dir, "prisma.config.ts"),
    `import { PrismaPg } from "${path.join(root, "node_modules/@prisma/adapter-pg/dist/index.mjs")}";
export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "to.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
};
`,
  );
  const fromArgs = from === null ? ["--from-empty"] : ["--from-schema-datamodel", "from.prisma"];
  const out = execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/prisma6/build/index.js"),
      "migrate",
      "diff",
      ...fromArgs,
      "--to-schema-datamodel",
      "to.prisma",
      "--script",
    ],
    {
      cwd: dir,
      env: {
        ...process.env,
        DATABASE_URL: adminUrl(),
        PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
        PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  ).toString();
  return out
    .replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n*/, "")
    .replace(/^-- This is an empty migration\.\s*$/m, "")
    .trim();
}

async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `lastmile_scratch_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function describeUrl(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await describeSchema(client);
  } finally {
    await client.end();
  }
}

/** Differences between the database the migrations build and the one schema.prisma describes. */
export async function findDrift(): Promise<string[]> {
  const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const fromMigrations = await withScratchDatabase(async (url) => {
    await migrate(url);
    return describeUrl(url);
  });
  const fromSchema = await withScratchDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // Extensions are created by hand-written lines of the migrations; the datamodel needs them too.
    for (const ext of EXTENSIONS) await client.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    await client.query(diffDatamodels(null, schema));
    await client.end();
    return describeUrl(url);
  });
  const a = new Set(fromMigrations);
  const b = new Set(fromSchema);
  return [
    ...fromMigrations.filter((l) => !b.has(l)).map((l) => `only in migrations: ${l}`),
    ...fromSchema.filter((l) => !a.has(l)).map((l) => `only in schema.prisma: ${l}`),
  ];
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--check") {
    const drift = await findDrift();
    if (drift.length) {
      console.error(
        "prisma/migrations and schema.prisma differ; run `npm run db:diff -- <name>`:\n" + drift.join("\n"),
      );
      process.exit(1);
    }
    console.log("schema.prisma matches the migrations");
    return;
  }
  const name = args[0];
  if (!name || name.startsWith("--"))
    throw new Error("usage: npm run db:diff -- <migration_name> [--from <git-rev>] | --check");
  const fromIdx = args.indexOf("--from");
  const rev = fromIdx >= 0 ? args[fromIdx + 1] : "HEAD";
  const previous = execFileSync("git", ["show", `${rev}:prisma/schema.prisma`], { cwd: root }).toString();
  const sql = diffDatamodels(previous, readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));
  if (!sql) {
    console.log(`No changes between schema.prisma at ${rev} and now.`);
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(root, "prisma/migrations", `${stamp}_${name.replace(/\W+/g, "_")}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql + "\n");
  console.log(
    `Wrote ${path.relative(root, folder)}/migration.sql. For a new tenant table add: SELECT lastmile_enable_tenant_rls('"Table"');`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
