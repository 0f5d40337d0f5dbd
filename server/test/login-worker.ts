// A separate Node process for shared-state.test.ts: it signs in to one company with a wrong
// password whenever a line arrives on stdin, and answers each with a line of JSON (the error's
// code). Two of these against one PostgreSQL (or one Redis) stand for two app instances.
import readline from "node:readline";
import { verifyCredentials } from "../modules/auth/credentials";

const [companyId, ip] = process.argv.slice(2) as [string, string];
let n = 0;
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "quit") process.exit(0);
  n++;
  verifyCredentials(companyId, { email: `guess-${process.pid}-${n}@shared.test`, password: "Wrong-password-1" }, ip)
    .then(() => console.log(JSON.stringify({ code: "OK" })))
    .catch((err: { code?: string }) => console.log(JSON.stringify({ code: err.code ?? String(err) })));
});
console.log(JSON.stringify({ ready: true }));
