// Applies committed migrations to DATABASE_URL (the owner's connection, not the app role's).
// With APP_DATABASE_URL carrying a password for lastmile_app (container and cluster set-ups,
// where PostgreSQL asks every role for one), that password is given to the role afterwards, so
// the app can sign in as the role the first migration created.
import pg from "pg";
import { APP_ROLE } from "../server/db/client";
import { migrate } from "../server/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run dev` migrates the embedded database by itself.");
  process.exit(1);
}
const result = await migrate(url, (line) => console.log(line));
console.log(result.applied.length ? `Applied ${result.applied.length} migration(s).` : "Database is up to date.");

const app = process.env.APP_DATABASE_URL ? new URL(process.env.APP_DATABASE_URL) : null;
if (app?.password && decodeURIComponent(app.username) === APP_ROLE) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const quoted = (
      await client.query<{ q: string }>("SELECT quote_literal($1) AS q", [decodeURIComponent(app.password)])
    ).rows[0].q;
    await client.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${quoted}`);
    console.log(`${APP_ROLE}'s password set from APP_DATABASE_URL.`);
  } finally {
    await client.end();
  }
}
