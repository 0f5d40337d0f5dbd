// Creates or updates a platform operator: npm run platform:operator -- <email> "<name>" <password>
import { disconnectDb } from "../server/db/client";
import { upsertOperator } from "../server/modules/platform/service";

const [email, name, password] = process.argv.slice(2);
if (!email || !name || !password) {
  console.error('usage: npm run platform:operator -- <email> "<name>" <password>');
  process.exit(1);
}
const op = await upsertOperator({ email, name, password });
console.log(`Platform operator ${op.email} is ready; sign in at the root domain's /operator.`);
await disconnectDb();
