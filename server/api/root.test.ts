import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appRouter } from "./root";

// The app router's namespaces match the folders: a module's procedures are found under the
// camelCase name of its folder in server/modules, and every module with a router.ts is mounted.

const MODULES = path.resolve(import.meta.dirname, "../modules");
const camel = (folder: string) => folder.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

function mountProblems(keys: string[], folders: string[]): string[] {
  const expected = folders.map(camel);
  return [
    ...keys.filter((k) => !expected.includes(k)).map((k) => `${k}: no server/modules folder of that name`),
    ...folders.filter((f) => !keys.includes(camel(f))).map((f) => `server/modules/${f}/router.ts is not mounted`),
  ];
}

describe("the app router", () => {
  it("mounts each module's one router under its folder's name", () => {
    const folders = readdirSync(MODULES).filter((f) => existsSync(path.join(MODULES, f, "router.ts")));
    expect(mountProblems(Object.keys(appRouter._def.record), folders)).toEqual([]);
  });

  it("the check catches a key that is not a folder, and a folder that is not mounted", () => {
    expect(mountProblems(["tickets", "portalTickets"], ["tickets", "work-orders"])).toEqual([
      "portalTickets: no server/modules folder of that name",
      "server/modules/work-orders/router.ts is not mounted",
    ]);
  });
});
