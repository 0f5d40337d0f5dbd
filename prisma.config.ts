import { defineConfig } from "prisma/config";

// The schema is a folder: schema.prisma (generator, datasource) and models/<module>.prisma.
// The URL is only needed by CLI commands that talk to a database; `prisma generate` does not.
export default defineConfig({
  schema: "prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
