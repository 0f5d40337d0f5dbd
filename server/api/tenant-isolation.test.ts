/// <reference types="vite/types/importMeta.d.ts" />
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../db/tenant";
import * as apiTokens from "../modules/auth/api-tokens";
import { verifyCredentials } from "../modules/auth/credentials";
import * as sessions from "../modules/auth/sessions";
import { callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../test/fixtures";
import { coverage, type IsolationCases, restKey, type World } from "../test/isolation";
import { callPath, failure, listProcedures } from "../test/trpc";
import { health } from "./rest/health";
import { metrics } from "./rest/metrics";
import { apiDocs, openApiJson } from "./rest/reference";
import { restRoutes } from "./rest/registry";
import { call, hostOf } from "./rest/testing";
import { createCaller } from "./root";
import type { Context } from "./trpc";

// Two ISPs on one installation. Signed in at company A, nothing of company B may be read or
// changed, whatever id is sent. Each module keeps its cases in
// server/modules/<module>/isolation.cases.ts (found here without a list); every tRPC procedure
// and every REST route must have exactly one case, or the first test fails.

/** Each module's cases, by folder name, in folder order (the order the cases run in). */
const modules: Record<string, IsolationCases> = Object.fromEntries(
  Object.entries(
    import.meta.glob<IsolationCases>("../modules/*/isolation.cases.ts", { eager: true, import: "default" }),
  )
    .map(([file, cases]) => [file.split("/")[2]!, cases] as const)
    .sort(([a], [b]) => a.localeCompare(b)),
);

/** The REST routes of no module: the system endpoints, kept here. */
const ownRest: Record<string, (w: World) => Promise<void>> = {
  [restKey(health.spec)]: async (w) => {
    const res = await call(health, { host: hostOf(w.A.company.slug) });
    expect(res.status).toBe(200);
    await w.expectNoneOfB(res.text);
  },
  // The counters name companies: only with the HEALTH_TOKEN, which no company's user holds.
  [restKey(metrics.spec)]: async (w) => {
    const res = await call(metrics, { host: hostOf(w.A.company.slug), token: "not-the-health-token" });
    expect(res.status).toBe(401);
    await w.expectNoneOfB(res.text);
  },
  [restKey(openApiJson.spec)]: async (w) =>
    w.expectNoneOfB((await call(openApiJson, { host: hostOf(w.A.company.slug) })).text),
  [restKey(apiDocs.spec)]: async (w) => w.expectNoneOfB((await call(apiDocs, { host: hostOf(w.A.company.slug) })).text),
};

let w: World;
const made = new Map<string, unknown>();

/** Everything of company B a leak or a cross-tenant write could touch, read through B's own scope. */
function snapshotB() {
  return withTenant(w.B.company.id, async (tx) => {
    const all: Record<string, unknown> = {};
    for (const [name, m] of Object.entries(modules)) {
      for (const [key, value] of Object.entries((await m.snapshotB?.(tx, made.get(name))) ?? {}))
        all[`${name}.${key}`] = value;
    }
    return all;
  });
}

/** Every id, e-mail and telltale of company B, to look for in A's answers. */
function idsOfB() {
  return withTenant(w.B.company.id, async (tx) => {
    const ids: string[] = [];
    for (const [name, m] of Object.entries(modules)) ids.push(...((await m.idsOfB?.(tx, made.get(name))) ?? []));
    return ids;
  });
}

beforeAll(async () => {
  const A = await makeCompany("alpha-net");
  const B = await makeCompany("bravo-net");
  const bAdmin = await callerAs(
    B.company,
    (await makeUser(B.company.id, "SUPER_ADMIN", { email: "admin@bravo.test" })).id,
  );
  const bTech = await makeUser(B.company.id, "TECHNICAL_SUPPORT", { email: "tech@bravo.test" });
  const bTechSessionId = (await sessions.create(B.company.id, bTech.id, "WEB", { ip: "192.0.2.10" })).id;
  const aAdmin = await callerAs(
    A.company,
    (await makeUser(A.company.id, "SUPER_ADMIN", { email: "admin@alpha.test" })).id,
  );
  const aApi = await makeUser(A.company.id, "SUPER_ADMIN", { email: "api@alpha.test" });
  const aToken = (await apiTokens.issue(A.company.id, aApi, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
  w = {
    A,
    B,
    aAdmin,
    aToken,
    bAdmin,
    bTech,
    bTechSessionId,
    async expectNoneOfB(answer) {
      const text = typeof answer === "string" ? answer : JSON.stringify(answer);
      const leaked = (await idsOfB()).filter((id) => text.includes(id));
      expect(leaked, "company B's ids or e-mails in company A's answer").toEqual([]);
    },
  };
  for (const [name, m] of Object.entries(modules)) made.set(name, await m.setup?.(w));
});

describe("signed in at company A, company B's data is out of reach", () => {
  it("every tRPC procedure and REST route has one isolation case, in its module's isolation.cases.ts", () => {
    const procedures = listProcedures().map((p) => p.path);
    const routes = restRoutes().map((r) => restKey(r.spec));
    expect(coverage(modules, procedures, routes, Object.keys(ownRest))).toEqual({ missing: [], stale: [], twice: [] });
  });

  for (const [name, m] of Object.entries(modules)) {
    for (const [path, run] of [...Object.entries(m.procedures ?? {}), ...Object.entries(m.rest ?? {})]) {
      it(`${path} neither shows nor changes B's data`, async () => {
        const before = await snapshotB();
        await run(w, made.get(name));
        expect(await snapshotB()).toEqual(before);
      });
    }
  }

  for (const [key, run] of Object.entries(ownRest)) {
    it(`${key} neither shows nor changes B's data`, async () => {
      const before = await snapshotB();
      await run(w);
      expect(await snapshotB()).toEqual(before);
    });
  }

  it("B's credentials do not sign in at A, and B's still work at B", async () => {
    await expect(
      verifyCredentials(w.A.company.id, { email: w.bTech.email, password: TEST_PASSWORD }, "192.0.2.50"),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const user = await verifyCredentials(
      w.B.company.id,
      { email: w.bTech.email, password: TEST_PASSWORD },
      "192.0.2.50",
    );
    expect(user.id).toBe(w.bTech.id);
  });
});

describe("a session of company A replayed on company B's subdomain", () => {
  const replayed = (): Context => ({
    company: w.B.company,
    viewer: w.aAdmin.ctx.viewer,
    ip: "198.51.100.66",
    userAgent: "replay",
  });

  it("the viewer carries its company, and it is A", () => {
    expect(w.aAdmin.ctx.viewer!.companyId).toBe(w.A.company.id);
  });

  it("is refused by every protected procedure, before any input is looked at", async () => {
    const before = await snapshotB();
    const caller = createCaller(replayed());
    const protectedPaths = listProcedures()
      .filter((p) => p.meta?.access === "permission")
      .map((p) => p.path);
    expect(protectedPaths.length).toBeGreaterThan(10);
    const answers: Record<string, string> = {};
    for (const path of protectedPaths) answers[path] = (await failure(callPath(caller, path, {}))).code;
    expect(answers).toEqual(Object.fromEntries(protectedPaths.map((p) => [p, "UNAUTHORIZED"])));
    expect(await snapshotB()).toEqual(before);
  });

  it("cannot list, read or change B's users", async () => {
    const caller = createCaller(replayed());
    expect((await failure(caller.users.list({}))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller.users.get({ id: w.bTech.id }))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller.users.setStatus({ userId: w.bTech.id, status: "DISABLED" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect(await sessions.validate(w.B.company.id, w.bTechSessionId)).not.toBeNull();
  });
});
