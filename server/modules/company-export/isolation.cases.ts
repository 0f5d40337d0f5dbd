import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { isolationCases } from "../../test/isolation";

// Tenant isolation of the company export: A's archive holds A's company row and none of the ids,
// e-mails or telltales any module lists for B. Run by server/api/tenant-isolation.test.ts.

/** Every file of the archive, as one text (unzipped by Info-ZIP's unzip, as a user would). */
export function archiveText(base64: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "company-export-")), "export.zip");
  writeFileSync(file, Buffer.from(base64, "base64"));
  return execFileSync("unzip", ["-p", file], { maxBuffer: 256 * 1024 * 1024 }).toString();
}

export default isolationCases({
  procedures: {
    "companyExport.download": async (w) => {
      const text = archiveText((await w.aAdmin.companyExport.download()).base64);
      expect(text).toContain(w.A.company.id);
      await w.expectNoneOfB(text);
    },
  },
});
