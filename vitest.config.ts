import path from "node:path";
import { defineConfig } from "vitest/config";

// Integration tests run against a real PostgreSQL: each test file gets its own database,
// cloned from a template that has every migration applied (server/test/*).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts"],
    globalSetup: ["./server/test/global-setup.ts"],
    setupFiles: ["./server/test/setup-file.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A local UDP responder answers CoA tests at once; a NAS that never answers should not take 9 s.
    env: { NODE_ENV: "test", COA_TIMEOUT_MS: "300" },
    // next-auth imports "next/server" without an extension; let Vite resolve it (Next does in the app).
    server: { deps: { inline: ["next-auth"] } },
  },
});
