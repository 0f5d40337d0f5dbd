import { beforeAll, describe, expect, it } from "vitest";
import { nulPath } from "../lib/storable-text";
import { anonymousCaller, makeCompany } from "../test/fixtures";
import { callPath, failure, listProcedures } from "../test/trpc";
import { restRoutes } from "./rest/registry";
import { call, hostOf } from "./rest/testing";

// A NUL character (U+0000) anywhere in the input used to reach PostgreSQL and end in a 500
// (error 22021). Every operation refuses it at the input layer instead: tRPC and REST alike,
// signed in or not, with a 422 that names the field.

const NUL = "\u0000";
let company: Awaited<ReturnType<typeof makeCompany>>["company"];

beforeAll(async () => {
  company = (await makeCompany("nul-bytes")).company;
});

describe("nulPath", () => {
  it("names the first string or key holding NUL, however deep", () => {
    expect(nulPath({ a: "fine", b: [{ c: "x" }, { d: `y${NUL}` }] })).toBe("b.1.d");
    expect(nulPath(`x${NUL}`)).toBe("_");
    expect(nulPath({ [`k${NUL}`]: 1 })).toBe("k\\0");
    expect(nulPath({ a: "fine", n: 1, t: true, z: null, list: ["a", "b"] })).toBeNull();
  });
});

describe("every tRPC procedure", () => {
  it("refuses a NUL in its input with UNPROCESSABLE_CONTENT naming the field", async () => {
    const caller = anonymousCaller(company);
    const procedures = listProcedures().filter((p) => p.type !== "subscription");
    expect(procedures.length).toBeGreaterThan(100);
    for (const { path } of procedures) {
      const f = await failure(callPath(caller, path, { id: NUL, note: "fine" }));
      expect(f, path).toMatchObject({ code: "UNPROCESSABLE_CONTENT", fields: { id: expect.any(String) } });
    }
  });
});

describe("every REST operation", () => {
  const host = hostOf("nul-bytes");
  const paramsOf = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

  it("refuses a NUL in a path parameter, the query string or the JSON body with 422 naming it", async () => {
    const routes = restRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const { method, path } = route.spec;
      const names = paramsOf(path);
      const params = Object.fromEntries(names.map((n) => [n, "fine"]));
      const tries: { where: string; field: string; opts: Parameters<typeof call>[1] }[] = [
        { where: "query", field: "search", opts: { host, params, query: { search: NUL } } },
      ];
      for (const name of names)
        tries.push({ where: "path", field: name, opts: { host, params: { ...params, [name]: NUL } } });
      if (route.spec.body)
        tries.push({ where: "body", field: "firstName", opts: { host, params, body: { firstName: `Ja${NUL}ne` } } });
      for (const t of tries) {
        const res = await call(route, t.opts);
        expect(res.status, `${method} ${path} (${t.where}): ${res.text}`).toBe(422);
        expect(res.body.error.fields, `${method} ${path} (${t.where})`).toHaveProperty([t.field]);
      }
    }
  });
});
