// npm run company:export -- <slug> [file.zip]: all of one company's data as a ZIP of CSV files
// (the same archive as Settings → Company data export), read under the company's row-level
// security. For an operator on the server, e.g. for a company that leaves. Audited as the system.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import * as companies from "../server/modules/companies/service";
import { buildCompanyExport } from "../server/modules/company-export/service";
import * as audit from "../server/modules/audit/service";
import { systemActor } from "../server/modules/scope";

const [slug, out] = process.argv.slice(2);
if (!slug) {
  console.error("Usage: npm run company:export -- <company slug> [file.zip]");
  process.exit(2);
}
const company = await companies.findBySlug(slug);
if (!company) {
  console.error(`No company with the address ${slug}.`);
  process.exit(1);
}
const built = await buildCompanyExport(company.id);
const file = path.resolve(out ?? built.filename);
await writeFile(file, built.archive);
await withTenant(company.id, (tx) =>
  audit.record(
    { tx, companyId: company.id, actor: { ...systemActor, label: "company-export CLI" } },
    {
      action: "company.data_export",
      entityType: "Company",
      entityId: company.id,
      after: { filename: path.basename(file) },
    },
  ),
);
const rows = built.tables.reduce((a, t) => a + t.rows, 0);
console.log(`${file}: ${built.tables.length} tables, ${rows} rows.`);
await disconnectDb();
