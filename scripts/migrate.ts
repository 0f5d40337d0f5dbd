// Applies committed migrations to DATABASE_URL (the owner's connection, not the app role's).
import { migrate } from "../server/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm run dev` migrates the embedded database by itself.");
  process.exit(1);
}
const result = await migrate(url, (line) => console.log(line));
console.log(result.applied.length ? `Applied ${result.applied.length} migration(s).` : "Database is up to date.");
