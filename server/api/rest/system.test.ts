import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "../../db/migrate";
import { resetEnvCache } from "../../lib/env";
import { makeCompany } from "../../test/fixtures";
import { health } from "./health";
import { apiDocs, openApiJson } from "./reference";
import { restRoutes } from "./registry";
import type { RestRoute } from "./route";
import { call, hostOf } from "./testing";

// The endpoints that need no company or token: health, the OpenAPI document, the reference page;
// and the promise that every REST route is both routed by Next.js and documented.

const APP_API = path.resolve(import.meta.dirname, "../../../app/api");

const HEALTH_TOKEN = "monitor-token-0123456789";

beforeAll(async () => {
  await makeCompany("sys-co");
  process.env.HEALTH_TOKEN = HEALTH_TOKEN;
  resetEnvCache();
});

describe("GET /api/health", () => {
  it("tells a stranger only up or down, on the root domain and a subdomain, with any other token", async () => {
    for (const host of [hostOf(null), hostOf("sys-co")]) {
      for (const token of [undefined, "not-the-monitor-token", `${HEALTH_TOKEN}x`]) {
        const res = await call(health, { host, token });
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ status: "ok" });
      }
    }
  });

  it("reports a reachable database and up-to-date migrations to a monitor with the token", async () => {
    const files = await listMigrations();
    for (const host of [hostOf(null), hostOf("sys-co")]) {
      const res = await call(health, { host, token: HEALTH_TOKEN });
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.body).toMatchObject({
        status: "ok",
        database: { reachable: true },
        migrations: {
          upToDate: true,
          expected: files.length,
          applied: files.length,
          latest: files.at(-1)!.name,
          pending: [],
          unknown: [],
          modified: [],
        },
      });
      expect(res.body.database.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("answers 503 and names the migration when one is pending", async () => {
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      const latest = (await listMigrations()).at(-1)!.name;
      await owner.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [latest]);
      expect(await call(health, { host: hostOf(null) })).toMatchObject({ status: 503, body: { status: "error" } });
      const res = await call(health, { host: hostOf(null), token: HEALTH_TOKEN });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        status: "error",
        database: { reachable: true },
        migrations: { upToDate: false, pending: [latest] },
      });
      await owner.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [latest]);
      expect((await call(health, { host: hostOf(null) })).status).toBe(200);
    } finally {
      await owner.end();
    }
  });
});

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every registered route", async () => {
    const res = await call(openApiJson, { host: hostOf("sys-co") });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Lastmile API", version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "http://sys-co.localhost:3000", description: "This company" }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(["code", "message"]);

    const routes = restRoutes();
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(listed.sort()).toEqual(routes.map((r) => `${r.spec.method} ${r.spec.path}`).sort());
    for (const required of [
      "POST /api/auth/login",
      "POST /api/auth/refresh",
      "POST /api/auth/logout",
      "GET /api/me",
      "GET /api/users",
      "GET /api/health",
      "GET /api/openapi.json",
      "GET /api/docs",
    ]) {
      expect(listed).toContain(required);
    }

    const operationIds = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${p}`;
        expect(op.summary, where).toBeTruthy();
        expect(operationIds.has(op.operationId as string), where).toBe(false);
        operationIds.add(op.operationId as string);
        expect(
          Object.keys(op.responses as object).some((s) => s.startsWith("2")),
          where,
        ).toBe(true);
        // every $ref points at something that exists
        for (const ref of JSON.stringify(op).match(/"\$ref":"[^"]+"/g) ?? []) {
          const target = ref.slice(8, -1).replace(/^#\//, "").split("/");
          expect(
            target.reduce(
              (node: Record<string, unknown> | undefined, key) => node?.[key] as Record<string, unknown>,
              doc,
            ),
            ref,
          ).toBeDefined();
        }
      }
    }

    const loginOp = doc.paths["/api/auth/login"].post;
    expect(loginOp.security).toEqual([]);
    expect(loginOp.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      required: ["email", "password"],
      properties: { email: { format: "email" }, totp: { type: "string" } },
    });
    expect(Object.keys(loginOp.responses)).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404", "422", "429", "500"]),
    );

    const usersOp = doc.paths["/api/users"].get;
    expect(usersOp.security).toEqual([{ bearerAuth: [] }]);
    expect(usersOp["x-permission"]).toBe("users:read");
    expect(usersOp.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["query:page", "query:pageSize", "query:search", "query:role"]),
    );
    expect(
      usersOp.responses["200"].content["application/json"].schema.properties.rows.items.properties.createdAt,
    ).toMatchObject({ type: "string", format: "date-time" });
    expect(doc.paths["/api/health"].get.responses["503"]).toBeDefined();
  });

  it("on the root domain, describes the company address as a server variable", async () => {
    const res = await call(openApiJson, { host: hostOf(null) });
    expect(res.status).toBe(200);
    expect(res.body.servers[0]).toMatchObject({
      url: "http://{company}.localhost:3000",
      variables: { company: { default: "your-isp" } },
    });
  });
});

describe("GET /api/docs", () => {
  it("is a self-contained HTML reference of every route, with curl examples", async () => {
    const res = await call(apiDocs, { host: hostOf("sys-co") });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|https?:\/\/(cdn|unpkg|fonts)\./i);
    for (const { spec } of restRoutes()) expect(html, spec.path).toContain(`<code class="path">${spec.path}</code>`);
    expect(html).toContain("curl -sS -X POST &#39;http://sys-co.localhost:3000/api/auth/login&#39;");
    expect(html).toContain("Authorization: Bearer $ACCESS_TOKEN");
    expect(html).toContain("users:read");
  });
});

describe("the registry", () => {
  async function routeFiles(): Promise<string[]> {
    const entries = await readdir(APP_API, { recursive: true });
    return entries.filter((e) => e.endsWith("route.ts")).map((e) => path.join(APP_API, e));
  }
  const fileOf = (p: string) =>
    path.join(
      APP_API,
      ...p
        .replace(/^\/api\//, "")
        .split("/")
        .map((s) => s.replace(/^\{(\w+)\}$/, "[$1]")),
      "route.ts",
    );

  it("every registered route is exported by its Next.js route file under app/api", async () => {
    for (const route of restRoutes()) {
      const mod = (await import(fileOf(route.spec.path))) as Record<string, unknown>;
      expect(mod[route.spec.method], `${route.spec.method} ${route.spec.path}`).toBe(route);
    }
  });

  it("every REST route exported under app/api is registered (so it is documented)", async () => {
    const registered = new Set<RestRoute>(restRoutes());
    for (const file of await routeFiles()) {
      const source = await readFile(file, "utf8");
      if (!/\/rest(\/|")/.test(source)) continue; // Auth.js, tRPC and other non-REST handlers
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === "function" && "spec" in value) {
          expect(registered.has(value as RestRoute), `${path.relative(APP_API, file)} ${name}`).toBe(true);
          expect((value as RestRoute).spec.method).toBe(name);
          expect(fileOf((value as RestRoute).spec.path)).toBe(file);
        }
      }
    }
  });
});
