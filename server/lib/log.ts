import pino from "pino";
import { requestContext } from "./request-context";

// Structured logs: one JSON object per line on stdout, for the log collector (docs/OPERATIONS.md
// "Logs"). Every line written while a request or job runs carries its requestId and companyId
// (./request-context.ts). Never log secrets or personal data: pass ids, not e-mail addresses or
// names; the paths below are blanked should such a field slip into a logged object.

const REDACTED = [
  "password",
  "*.password",
  "passwordHash",
  "*.passwordHash",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.headers.cookie",
  "cookie",
  "*.cookie",
  "email",
  "*.email",
  "phone",
  "*.phone",
  "to",
  "*.to",
];

function create() {
  const test = process.env.NODE_ENV === "test" || process.env.VITEST;
  return pino({
    level: process.env.LOG_LEVEL ?? (test ? "silent" : "info"),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED, censor: "[redacted]" },
    mixin() {
      const c = requestContext();
      if (!c) return {};
      return c.job
        ? { requestId: c.requestId, companyId: c.companyId, job: c.job }
        : { requestId: c.requestId, companyId: c.companyId };
    },
  });
}

// On globalThis: one logger (one stdout stream) for our HTTP server and Next.js's bundles.
const holder = globalThis as unknown as { lastmileLog?: pino.Logger };
export const log: pino.Logger = (holder.lastmileLog ??= create());
