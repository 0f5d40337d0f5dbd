/**
 * The image's commands: dist/<name>.mjs ← source, bundled by scripts/build-standalone.ts and run
 * as `node dist/<name>.mjs` (Dockerfile, deploy/compose, deploy/k8s; scripts/deploy-files.test.ts
 * checks that every command those name is here).
 */
export const ENTRY_POINTS = {
  start: "server/http/standalone.ts",
  migrate: "scripts/migrate.ts",
  jobs: "scripts/jobs.ts",
  backup: "scripts/backup.ts",
  "verify-restore": "scripts/verify-restore.ts",
  "company-export": "scripts/company-export.ts",
} as const;
