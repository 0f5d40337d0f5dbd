// One poll of the network now, without the Inngest server: npm run poll [-- --company <slug>] [--port <udp port>]
// Every company's devices (or one company's), SNMP v2c else ping, written like the five-minute job.
// Prints each company's report: devices up, interfaces rated, and the devices that did not answer and why.
import { disconnectDb } from "../server/db/client";
import * as companies from "../server/modules/companies/service";
import { pollCompany } from "../server/modules/monitoring/poller";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const slug = arg("--company");
const port = arg("--port") ? Number(arg("--port")) : undefined;

let ids: string[];
if (slug) {
  const company = await companies.findBySlug(slug);
  if (!company) {
    console.error(`No company with the address ${slug}.`);
    process.exit(1);
  }
  ids = [company.id];
} else ids = await companies.listIds();

for (const id of ids) {
  const report = await pollCompany(id, { port, actor: { type: "SYSTEM", label: "npm run poll" } });
  console.log(JSON.stringify({ companyId: id, ...report }, null, 2));
  if (report.pingUnavailable) console.error(report.pingUnavailable);
}
await disconnectDb();
