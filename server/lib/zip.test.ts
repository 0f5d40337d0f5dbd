import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zip } from "./zip";

// The archive is checked by Info-ZIP's unzip, as a user's operating system would open it.
describe("zip", () => {
  it("writes an archive that unzip tests clean and reads back byte for byte", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "zip-")), "test.zip");
    const long = "Kilimani,2026-11,5000000000\n".repeat(2_000);
    writeFileSync(
      file,
      zip([
        { name: "usage-monthly.csv", data: long },
        { name: "README.txt", data: "Habari ✓" },
      ]),
    );
    expect(execFileSync("unzip", ["-tq", file]).toString()).toMatch(/No errors detected/);
    expect(execFileSync("unzip", ["-p", file, "usage-monthly.csv"]).toString()).toBe(long);
    expect(execFileSync("unzip", ["-p", file, "README.txt"]).toString()).toBe("Habari ✓");
  });
});
