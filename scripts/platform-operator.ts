// Platform operators, from the server's shell:
//   npm run platform:operator -- <email> "<name>" <password>   creates one, or sets its name and password
//   npm run platform:operator -- --totp <email>                gives it a new authenticator (required in production)
//                                                              and ten new recovery codes
import { disconnectDb } from "../server/db/client";
import { enrolOperatorTotp, upsertOperator } from "../server/modules/platform/service";

const args = process.argv.slice(2);
if (args[0] === "--totp" && args[1]) {
  const { uri, recoveryCodes } = await enrolOperatorTotp(args[1]);
  console.log(`Add this to the operator's authenticator app (it replaces any earlier one):\n${uri}`);
  console.log(
    `\nRecovery codes, each good for one sign-in without the app (earlier codes no longer work).\nKeep them somewhere safe; they are not shown again:\n${recoveryCodes.join("\n")}`,
  );
} else {
  const [email, name, password] = args;
  if (!email || !name || !password) {
    console.error(
      'usage: npm run platform:operator -- <email> "<name>" <password>\n       npm run platform:operator -- --totp <email>',
    );
    process.exit(1);
  }
  const op = await upsertOperator({ email, name, password });
  console.log(`Platform operator ${op.email} is ready; sign in at the root domain's /operator.`);
}
await disconnectDb();
