import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";

// Tenant isolation of the company export: every row in A's archive is A's, and B's company id is
// nowhere in it. Run by server/api/tenant-isolation.test.ts. Not expectNoneOfB over the whole
// archive: by the time this runs, other modules' cases have left rows in A that legitimately carry
// B's words (A's own bandwidth policy named "Bravo home 20M", an invitation of A to B's
// technician's address), and the archive holds all of A's rows. B's rows are what must be absent.

/** The archive's CSV files by name, unpacked by Info-ZIP's unzip. */
function archiveFiles(base64: string): Map<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "company-export-"));
  writeFileSync(path.join(dir, "export.zip"), Buffer.from(base64, "base64"));
  execFileSync("unzip", ["-q", path.join(dir, "export.zip"), "-d", path.join(dir, "out")]);
  return new Map(readdirSync(path.join(dir, "out")).map((n) => [n, readFileSync(path.join(dir, "out", n), "utf8")]));
}

export default isolationCases({
  procedures: {
    "companyExport.download": async (w) => {
      const files = archiveFiles((await w.aAdmin.companyExport.download()).base64);
      let rows = 0;
      for (const [name, text] of files) {
        if (!name.endsWith(".csv")) continue;
        const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
        const owner = name === "Company.csv" ? "id" : "companyId";
        for (const row of data) expect(row[owner], name).toBe(w.A.company.id);
        rows += data.length;
      }
      expect(rows).toBeGreaterThan(0);
      expect([...files.values()].join("\n")).not.toContain(w.B.company.id);
    },
  },
});
