import { z } from "zod";
import { withoutTenant } from "../../db/tenant";
import { safeEqual } from "../../lib/crypto";
import { env } from "../../lib/env";
import { listMigrations, MIGRATIONS_DIR, type MigrationFile } from "../../db/migrate";
import { defineRoute, Reply } from "./route";
import { log } from "../../lib/log";

// Liveness and readiness for load balancers and monitors: can we reach the database, and has
// every migration this build ships been applied to it? 200 when both hold, 503 otherwise. The
// address is public, so strangers learn only up or down; the details (latency, migration names)
// need the HEALTH_TOKEN.

const DB_TIMEOUT_MS = 3_000;

const healthSchema = z.object({
  status: z.enum(["ok", "error"]),
  checkedAt: z.iso.datetime(),
  database: z.object({
    reachable: z.boolean(),
    latencyMs: z.number().int().nullable().describe("Round trip of a trivial query."),
  }),
  migrations: z.object({
    upToDate: z.boolean(),
    expected: z.number().int().describe("Migrations shipped with this build."),
    applied: z.number().int().describe("Migrations recorded as applied in the database."),
    latest: z.string().nullable().describe("The newest applied migration."),
    pending: z.array(z.string()).describe("Shipped but not applied: run the migrations."),
    unknown: z
      .array(z.string())
      .describe("Applied but not shipped with this build (a newer build migrated the database)."),
    modified: z.array(z.string()).describe("Applied, but the file changed since."),
  }),
});
export type HealthReport = z.infer<typeof healthSchema>;
const publicHealthSchema = healthSchema.pick({ status: true });
const answerSchema = z.union([healthSchema, publicHealthSchema]);

/** Whether the request carries the configured health token. */
export function showsDetails(req: Request): boolean {
  const token = env().HEALTH_TOKEN;
  const given = req.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  return Boolean(token && given && safeEqual(given, token));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => {}); // a late failure after the timeout must not go unhandled
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The migration files shipped with this build (server/db/migrate.ts knows where they are). */
const shippedMigrations = (): Promise<MigrationFile[]> => listMigrations(MIGRATIONS_DIR);

export async function checkHealth(): Promise<HealthReport> {
  const report: HealthReport = {
    status: "error",
    checkedAt: new Date().toISOString(),
    database: { reachable: false, latencyMs: null },
    migrations: { upToDate: false, expected: 0, applied: 0, latest: null, pending: [], unknown: [], modified: [] },
  };
  const files = await shippedMigrations().catch((err) => {
    log.error({ err }, "health: cannot read the migration files");
    return null;
  });
  if (files) report.migrations.expected = files.length;

  let applied: Array<{ migration_name: string; checksum: string }> | null = null;
  try {
    const started = performance.now();
    await withTimeout(
      withoutTenant((tx) => tx.$queryRaw`SELECT 1`),
      DB_TIMEOUT_MS,
    );
    report.database = { reachable: true, latencyMs: Math.round(performance.now() - started) };
    applied = await withTimeout(
      withoutTenant(
        (tx) =>
          tx.$queryRaw<Array<{ migration_name: string; checksum: string }>>`
          SELECT migration_name, checksum FROM "_prisma_migrations"
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      ),
      DB_TIMEOUT_MS,
    );
  } catch (err) {
    // The reason goes to the log, not to whoever asked.
    log.error({ err }, "health: database check failed");
  }

  if (applied) {
    const byName = new Map(applied.map((m) => [m.migration_name, m.checksum]));
    const shipped = new Set((files ?? []).map((f) => f.name));
    report.migrations.applied = applied.length;
    report.migrations.latest = applied.at(-1)?.migration_name ?? null;
    report.migrations.pending = (files ?? []).filter((f) => !byName.has(f.name)).map((f) => f.name);
    report.migrations.unknown = applied.filter((m) => !shipped.has(m.migration_name)).map((m) => m.migration_name);
    report.migrations.modified = (files ?? [])
      .filter((f) => byName.has(f.name) && byName.get(f.name) !== f.checksum)
      .map((f) => f.name);
    report.migrations.upToDate = files !== null && report.migrations.pending.length === 0;
  }
  report.status = report.database.reachable && report.migrations.upToDate ? "ok" : "error";
  return report;
}

export const health = defineRoute({
  method: "GET",
  path: "/api/health",
  summary: "Database reachability and migration state",
  description:
    "For load balancers and monitoring. Answers on the root domain and on every company's address with only the status; with the HEALTH_TOKEN as a bearer token, also the database latency and the migration state.",
  tags: ["System"],
  auth: "none",
  tenant: false,
  response: answerSchema,
  otherStatuses: { 503: "Not ready: the database is unreachable or migrations are pending (same body)." },
  handler: async ({ req }) => {
    const report = await checkHealth();
    const answer = showsDetails(req) ? report : { status: report.status };
    return report.status === "ok" ? answer : new Reply(503, answer);
  },
});
