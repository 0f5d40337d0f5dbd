import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), data kept in a folder and
// served over the PostgreSQL wire protocol on a loopback port, so the app's ordinary pg /
// adapter-pg code path is used unchanged. It has one backend: clients must use ONE connection
// (DATABASE_POOL_MAX=1), otherwise transactions of different connections interleave.

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm, btree_gist, pgcrypto } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 4 });
  await server.start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
