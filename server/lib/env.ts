import { z } from "zod";

// Environment, validated once on first use so a missing or malformed secret fails loudly.
// Every variable is documented in .env.example.
/** A PostgreSQL connection URL: postgres:// or postgresql://, with a host. */
const postgresUrl = z
  .string()
  .url()
  .refine((v) => {
    const url = new URL(v);
    return /^postgres(ql)?:$/.test(url.protocol) && url.hostname !== "";
  }, "expected postgresql://user@host:port/database");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: postgresUrl.optional(),
  APP_DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().optional(),
  // How long a request waits for a new database connection before it is answered 503.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  // Shared state of all app instances (server/shared-state): Redis when set, else PostgreSQL.
  REDIS_URL: z
    .string()
    .url()
    .refine((v) => /^rediss?:$/.test(new URL(v).protocol), "expected a redis:// or rediss:// URL")
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default("lastmile:"),
  // /api/metrics (server/lib/metrics.ts): a bearer token, and/or a port of its own.
  METRICS_TOKEN: z.string().min(16).optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  METRICS_HOST: z.string().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Read replicas for read-only work (server/db/tenant.ts withTenantRead), comma-separated, each
  // connecting as lastmile_app; and how long a browser that just wrote keeps reading from the primary.
  DATABASE_REPLICA_URL: z
    .string()
    .refine((v) => v.split(",").every((u) => !u.trim() || URL.canParse(u.trim())), "a comma-separated list of URLs")
    .optional(),
  DATABASE_REPLICA_STICKY_SECONDS: z.coerce.number().int().min(0).max(3_600).default(10),
  ROOT_DOMAIN: z.string().min(1).default("localhost:3000"),
  APP_PROTOCOL: z.enum(["http", "https"]).default("http"),
  AUTH_SECRET: z.string().min(16).default("dev-only-auth-secret-change-me-please"),
  APP_ENCRYPTION_KEY: z.string().min(16).default("dev-only-encryption-key-change-me"),
  JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TTL_DAYS: z.coerce.number().int().positive().default(30),
  RESEND_API_KEY: z.string().optional(),
  // An SMTP server to deliver mail to instead of Resend (Mailpit in the compose stack): smtp://host:1025.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, "SMTP_URL must look like smtp://host:port or smtps://user:password@host:465")
    .optional(),
  // Another Resend-compatible endpoint; the tests point it at a fake server (server/test/fake-resend.ts).
  RESEND_BASE_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Lastmile <no-reply@lastmile.local>"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_RATE_LIMIT_PER_15_MIN: z.coerce.number().int().positive().default(30),
  LOGIN_COMPANY_FAILURES_PER_15_MIN: z.coerce.number().int().positive().default(300),
  // Requests anyone may make without an account, counted per client address in the database
  // (server/modules/auth/rate-limit.ts): ISP and portal sign-ups, password-reset requests.
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
  PASSWORD_RESET_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
  // REST API requests per access token and minute, on all instances together (server/api/rest/token-limit.ts).
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  // Authorize calls for usernames nobody has, per RADIUS server key and source address.
  RADIUS_UNKNOWN_USERS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  // How long FreeRADIUS may answer an ordinary PPPoE subscriber's logins from its copy of our
  // answer without asking again (0: ask at every login). Vouchers and hard-capped subscribers
  // are always asked. server/modules/radius/access.ts, docs/OPERATIONS.md "RADIUS".
  RADIUS_FRESH_LOGIN_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
  // Change of Authorization (RFC 5176, server/modules/nas/coa.ts): how long to wait for a NAS's
  // answer to one Disconnect/CoA-Request, and how many times to send it before recording "no answer".
  COA_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(3_000),
  COA_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  // SNMP polling (server/modules/monitoring/poller.ts, docs/MONITORING.md): the UDP port devices
  // answer on, devices polled at once, and how long one SNMP request waits (it is tried twice).
  SNMP_PORT: z.coerce.number().int().min(1).max(65_535).default(161),
  SNMP_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(32),
  SNMP_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  // Proxies in front of the app that append to X-Forwarded-For (server/auth/request-meta.ts).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Monitors that send it as a bearer token get /api/health's details; everyone else up or down.
  HEALTH_TOKEN: z.string().min(16).optional(),
  // Graceful shutdown of `npm start` (server/http/graceful.ts): on SIGTERM, how long /api/ready
  // answers 503 while connections are still accepted, then how long requests in flight may take.
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  // Attachments (server/modules/storage): a folder on local disk, or an S3-compatible bucket
  // when STORAGE_S3_BUCKET is set.
  STORAGE_DIR: z.string().optional(),
  STORAGE_S3_BUCKET: z.string().optional(),
  STORAGE_S3_REGION: z.string().default("us-east-1"),
  STORAGE_S3_ENDPOINT: z.string().url().optional(),
  STORAGE_S3_ACCESS_KEY_ID: z.string().optional(),
  STORAGE_S3_SECRET_ACCESS_KEY: z.string().optional(),
  STORAGE_S3_FORCE_PATH_STYLE: z.enum(["0", "1", "true", "false"]).optional(),
  STORAGE_S3_PREFIX: z.string().optional(),
  // SMS providers' API addresses: the real ones unless set (tests point them at a local fake).
  // Each company's own account and sender ID are set in the console (Settings → SMS).
  SMS_AFRICAS_TALKING_URL: z.string().url().optional(),
  SMS_TWILIO_URL: z.string().url().optional(),
  // Payment providers' API addresses: the real ones unless set (tests point them at a local fake).
  // Each company's own keys are set in the console (Billing → Payment methods); M-Pesa's
  // sandbox or production address follows the company's setting when MPESA_API_URL is unset.
  STRIPE_API_URL: z.string().url().optional(),
  MPESA_API_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // Empty values (`NAME=` copied from .env.example) mean unset.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  // `next build` runs with NODE_ENV=production but serves nobody: secrets are checked at run time.
  if (parsed.data.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    for (const name of ["AUTH_SECRET", "APP_ENCRYPTION_KEY"] as const) {
      if (parsed.data[name].startsWith("dev-only")) throw new Error(`${name} must be set in production`);
    }
  }
  cached = parsed.data;
  return cached;
}

/** Test hook: forget the cached environment after changing process.env. */
export function resetEnvCache(): void {
  cached = undefined;
}
