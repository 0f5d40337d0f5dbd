// Migration SQL from the Prisma schema (prisma/schema.prisma and prisma/models/*.prisma), offline.
//   npm run db:diff -- <name> [--from <git-rev>]   write prisma/migrations/<timestamp>_<name>/migration.sql
//       with the SQL from the schema at <git-rev> (default HEAD) to the working schema
//   npm run db:diff -- --check                      exit 1 when the migrations and the schema drift
// Prisma 7's native schema engine cannot be downloaded on our machines; Prisma 6.19's WASM
// engine (`prisma6`) diffs two datamodels, but cannot introspect a database through an adapter.
// It is given the schema's files joined into one (see datamodel()), so it needs no folder support.
// So --check builds one scratch database from the migrations and one from the schema, and
// compares their catalogs (server/db/describe.ts). Row-level-security policies, grants and
// functions are hand-written under the generated SQL; see prisma/migrations/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describeSchema } from "../server/db/describe";
import { migrate } from "../server/db/migrate";

const root = path.resolve(import.meta.dirname, "..");
/** PostgreSQL extensions the schema relies on (created in the migrations). */
const EXTENSIONS = ["pg_trgm", "btree_gist"];
const adminUrl = () => process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/**
 * The whole datamodel as one text: every .prisma file under prisma/ (what prisma.config.ts's
 * `schema: "prisma"` folder makes Prisma read), sorted by path so the text is stable.
 */
export function datamodel(files: { path: string; read: () => string }[]): string {
  return files
    .filter((f) => f.path.endsWith(".prisma"))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((f) => `// ${f.path}\n${f.read()}`)
    .join("\n");
}

/** The working tree's datamodel. */
export function workingDatamodel(): string {
  const dir = path.join(root, "prisma");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).map((rel) => ({
    path: `prisma/${rel}`,
    read: () => readFileSync(path.join(dir, rel), "utf8"),
  }));
  return datamodel(files);
}

/** The datamodel as committed at a git revision (before the split into prisma/models too). */
function datamodelAt(rev: string): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root }).toString();
  const files = git("ls-tree", "-r", "--name-only", rev, "prisma/")
    .split("\n")
    .filter(Boolean)
    .map((p) => ({ path: p, read: () => git("show", `${rev}:${p}`) }));
  return datamodel(files);
}

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

/**
 * Constraints and indexes the datamodel cannot express (CHECK and EXCLUDE constraints, indexes on
 * expressions), written by hand under the generated SQL: left out of the comparison by name.
 * Only these shapes are recognised, so a hand-written plain index still counts as drift.
 */
export function handWrittenNames(sqls = migrationSqls()): Set<string> {
  const names = new Set<string>();
  for (const sql of sqls) {
    for (const m of sql.matchAll(/ADD CONSTRAINT "(\w+)"\s+(?:CHECK|EXCLUDE)\b/g)) names.add(m[1]!);
    for (const m of sql.matchAll(/CREATE (?:UNIQUE )?INDEX "(\w+)" ON "\w+"\s*(?:USING \w+\s*)?\([^;]*\(COALESCE\(/g))
      names.add(m[1]!);
  }
  return names;
}

function migrationSqls(): string[] {
  const dir = path.join(root, "prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => readFileSync(path.join(dir, e.name, "migration.sql"), "utf8"));
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

/** Differences between the database the migrations build and the one the datamodel describes. */
export async function findDrift(schema = workingDatamodel()): Promise<string[]> {
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
  const handWritten = handWrittenNames();
  return [
    ...fromMigrations
      .filter((l) => !b.has(l) && !handWritten.has(l.split(" | ")[2]!))
      .map((l) => `only in migrations: ${l}`),
    ...fromSchema.filter((l) => !a.has(l)).map((l) => `only in the schema: ${l}`),
  ];
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--check") {
    const drift = await findDrift();
    if (drift.length) {
      console.error("prisma/migrations and the schema differ; run `npm run db:diff -- <name>`:\n" + drift.join("\n"));
      process.exit(1);
    }
    console.log("the schema matches the migrations");
    return;
  }
  const name = args[0];
  if (!name || name.startsWith("--"))
    throw new Error("usage: npm run db:diff -- <migration_name> [--from <git-rev>] | --check");
  const fromIdx = args.indexOf("--from");
  const rev = fromIdx >= 0 ? args[fromIdx + 1] : "HEAD";
  const sql = diffDatamodels(datamodelAt(rev), workingDatamodel());
  if (!sql) {
    console.log(`No changes between the schema at ${rev} and now.`);
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
