import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "../auth/permissions";
import { listProcedures } from "../test/trpc";

// Rules of the architecture (docs: /work/shared/ARCHITECTURE.md) that a reviewer would otherwise
// have to remember. Each scanner is first shown to catch a known-bad sample, then run on the repo.

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_DIR = path.join(ROOT, "server");
const SOURCE_EXT = /\.(?:ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", ".data", "coverage", "playwright-report", "test-results"]);

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : walk(full);
    return SOURCE_EXT.test(e.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file);

// ─── Imports ────────────────────────────────────────────────────────────────────────────────

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

/** Every import, re-export, dynamic import() and require() of a source text. */
function importsOf(source: string, fileName = "x.tsx"): ImportRef[] {
  const sf = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: !!node.importClause?.isTypeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      refs.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if (isDynamicImport || isRequire) refs.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** The first statement is the directive ("use client" / "use server"), comments aside. */
function directiveOf(source: string): string | null {
  const sf = ts.createSourceFile("x.tsx", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const first = sf.statements[0];
  return first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)
    ? first.expression.text
    : null;
}

/**
 * Server files the browser may bundle: pure zod schemas and the permission table, so forms and
 * navigation use the very rules the server enforces (and the pure SLA clock maths and view, so
 * the ticket page ticks with the server's own numbers; the SMS template rules and counter, so the
 * editor checks and counts exactly as the server). Their own imports are checked in turn.
 */
const SHARED_WITH_BROWSER = [
  /^server\/modules\/[^/]+\/([a-z-]+\.)?schema\.ts$/, // schema.ts, or one of several (ipam/sites.schema.ts)
  /^server\/modules\/sla\/(clock|view)\.ts$/,
  /^server\/modules\/sms\/(phone|segments|templates)\.ts$/,
  /^server\/modules\/subscriptions\/dates\.ts$/, // calendar-date arithmetic, Intl only
  /^server\/auth\/permissions\.ts$/,
  /^server\/auth\/password-policy\.ts$/,
  /^server\/lib\/money\.ts$/,
  /^server\/lib\/schema\.ts$/,
  /^server\/lib\/zone\.ts$/,
];

function isSharedWithBrowser(specifier: string, fromFile: string): boolean {
  const local = resolveLocal(specifier, fromFile);
  return !!local && SHARED_WITH_BROWSER.some((re) => re.test(rel(local)));
}

/** Why a module must never reach the browser bundle, or null when it may. */
function serverOnlyReason(specifier: string, fromFile: string): string | null {
  if (isSharedWithBrowser(specifier, fromFile)) return null;
  if (specifier === "@/server" || specifier.startsWith("@/server/")) return "server code";
  if (specifier === "@prisma" || specifier.startsWith("@prisma/") || specifier.startsWith(".prisma")) return "Prisma";
  if (/(^|\/)generated\/prisma(\/|$)/.test(specifier)) return "the generated Prisma client";
  if (specifier.startsWith(".")) {
    const target = path.resolve(path.dirname(fromFile), specifier);
    if (target === SERVER_DIR || target.startsWith(SERVER_DIR + path.sep)) return "server code";
  }
  return null;
}

/** The repository file a local specifier points at (relative or "@/…"), or null for packages. */
function resolveLocal(specifier: string, fromFile: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const candidates = [
    base,
    ...[".ts", ".tsx", ".js", ".jsx", ".mjs"].map((e) => base + e),
    ...["index.ts", "index.tsx", "index.js"].map((i) => path.join(base, i)),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/**
 * Value imports of server-only modules reachable from a client component: directly, or through
 * local helper modules it imports (they end up in the same browser bundle). Server actions
 * ("use server" files) are called by reference, so the walk stops there.
 */
/** Each file is parsed once per run: many client components share the same imports. */
const factsCache = new Map<string, { directive: string | null; imports: ImportRef[] }>();
function factsOf(file: string) {
  let facts = factsCache.get(file);
  if (!facts) {
    const source = readFileSync(file, "utf8");
    facts = { directive: directiveOf(source), imports: importsOf(source, file) };
    factsCache.set(file, facts);
  }
  return facts;
}

function clientBundleViolations(clientFile: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const { directive, imports } = factsOf(file);
    if (chain.length > 0 && directive === "use server") return;
    for (const ref of imports) {
      if (ref.typeOnly) continue;
      const reason = serverOnlyReason(ref.specifier, file);
      if (reason) {
        problems.push(
          `${[...chain, rel(file)].join(" → ")} imports "${ref.specifier}" (${reason}); use \`import type\` or call it through tRPC`,
        );
        continue;
      }
      const local = resolveLocal(ref.specifier, file);
      if (local && SOURCE_EXT.test(local)) visit(local, [...chain, rel(file)]);
    }
  };
  visit(clientFile, []);
  return problems;
}

describe("client components never import server code, Prisma or the generated client", () => {
  it("the scanner catches what it should and lets type-only imports through", () => {
    const from = path.join(ROOT, "components/demo/widget.tsx");
    const bad = [
      `import { db } from "@/server/db/client";`,
      `import { sendMail } from "../../server/lib/mailer";`,
      `import { PrismaClient } from "@prisma/client";`,
      `import { Role } from "@/server/db/generated/prisma/enums";`,
      `import "@/server/jobs/setup";`,
      `export { list } from "@/server/modules/users/service";`,
      `const m = await import("@/server/modules/users/service");`,
      `const pg = require("@prisma/adapter-pg");`,
      `import { type Viewer, currentViewer } from "@/server/auth/viewer";`,
    ];
    for (const line of bad) {
      const flagged = importsOf(line).filter((r) => !r.typeOnly && serverOnlyReason(r.specifier, from));
      expect(flagged, line).toHaveLength(1);
    }
    const fine = [
      `import type { AppRouter } from "@/server/api/root";`,
      `export type { Role } from "@/server/db/generated/prisma/enums";`,
      `import { Button } from "@/components/ui/button";`,
      `import { useQuery } from "@tanstack/react-query";`,
      `import { cn } from "../ui/cn";`,
      `const text = "import { db } from '@/server/db/client'";`,
      `import { inviteSchema } from "@/server/modules/users/schema";`,
      `import { can } from "@/server/auth/permissions";`,
    ];
    for (const line of fine)
      expect(
        importsOf(line).filter((r) => !r.typeOnly && serverOnlyReason(r.specifier, from)),
        line,
      ).toEqual([]);
    expect(directiveOf(`// A comment\n"use client";\nimport x from "y";`)).toBe("use client");
    expect(directiveOf(`import x from "y";\n"use client";`)).toBeNull();
  });

  it('no "use client" file under app/ or components/ pulls server code into the browser', () => {
    const clientFiles = [...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "components"))].filter(
      (f) => !/\.test\.[jt]sx?$/.test(f) && factsOf(f).directive === "use client",
    );
    expect(clientFiles.length, "client components found").toBeGreaterThan(0);
    expect(clientFiles.flatMap(clientBundleViolations)).toEqual([]);
  });
});

// ─── Procedures ─────────────────────────────────────────────────────────────────────────────

/** Procedures anyone may call without signing in. Adding one here is a conscious security decision. */
const PUBLIC_PROCEDURES = [
  "companies.register",
  "users.peekInvitation",
  "users.acceptInvitation",
  "auth.passwordReset.request",
  "auth.passwordReset.reset",
  "portal.packages",
  "portal.register",
  "portal.resendVerification",
  // The satisfaction survey e-mailed on resolution: its single-use token is the credential.
  "tickets.csat.peek",
  "tickets.csat.submit",
];

describe("every tRPC procedure declares who may call it", () => {
  const procedures = listProcedures();

  it("the router has procedures to check", () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  it("each one is public or needs a permission that exists in PERMISSIONS", () => {
    const known = new Set<string>(PERMISSIONS);
    const wrong = procedures
      .filter(
        (p) => !(p.meta?.access === "public" || (p.meta?.access === "permission" && known.has(p.meta.permission))),
      )
      .map((p) => `${p.path}: ${JSON.stringify(p.meta ?? null)}`);
    expect(
      wrong,
      "build procedures with publicProcedure or protectedProcedure(permission) from server/api/trpc.ts",
    ).toEqual([]);
  });

  it("only the allow-listed procedures are public", () => {
    const publicOnes = procedures.filter((p) => p.meta?.access === "public").map((p) => p.path);
    expect(
      publicOnes.sort(),
      "a new public procedure must be added to PUBLIC_PROCEDURES in this test on purpose",
    ).toEqual([...PUBLIC_PROCEDURES].sort());
  });
});

// ─── Database access ────────────────────────────────────────────────────────────────────────

const CONSTRUCTS_PRISMA = /\bnew\s+PrismaClient\b|\bnew\s+\w+\.PrismaClient\b/;

describe("PrismaClient is constructed only in server/db", () => {
  it("the pattern recognises a construction", () => {
    // Assembled from parts so that this sample is not itself a construction to other scanners.
    expect(CONSTRUCTS_PRISMA.test(["const prisma = new", "PrismaClient({ adapter });"].join(" "))).toBe(true);
    expect(CONSTRUCTS_PRISMA.test(`const prisma = new Prisma.PrismaClient();`)).toBe(true);
    expect(CONSTRUCTS_PRISMA.test(`import type { PrismaClient } from "./generated/prisma/client";`)).toBe(false);
  });

  it("nowhere else in the repository", () => {
    const dbDir = path.join(SERVER_DIR, "db") + path.sep;
    const offenders = walk(ROOT)
      .filter((f) => !f.startsWith(dbDir) && f !== import.meta.filename)
      .filter((f) => CONSTRUCTS_PRISMA.test(readFileSync(f, "utf8")))
      .map(rel);
    expect(offenders, "use db()/withTenant() from server/db instead of a new PrismaClient").toEqual([]);
    // The one real construction is where we expect it, so the scan is looking at the right files.
    expect(CONSTRUCTS_PRISMA.test(readFileSync(path.join(SERVER_DIR, "db/client.ts"), "utf8"))).toBe(true);
  });
});

// ─── Module boundaries ──────────────────────────────────────────────────────────────────────

/**
 * Test code and its fixtures: tests may reach into any module (to arrange rows, or to assert
 * what a user cannot see), so they neither count in the module graph nor for table ownership.
 */
// Tests, their fixtures and each module's tenant-isolation cases (which build other modules' rows).
const TEST_SUPPORT = [
  /\.test\.[jt]sx?$/,
  /^server\/test\//,
  /^server\/modules\/[^/]+\/(testing|isolation\.cases)\.ts$/,
  /^prisma\//,
];
const isTestSupport = (file: string) => TEST_SUPPORT.some((re) => re.test(file));

/**
 * The node of the module graph a repository file belongs to: each folder under server/modules,
 * the shared kernel file server/modules/scope.ts, and the layers modules build on, server/lib,
 * server/db and server/shared-state (what every app instance must agree on). server/api, server/auth and server/jobs are not nodes: they are the
 * entry and wiring layers (tRPC and REST plumbing, Auth.js, Inngest functions) that import every
 * module on purpose and whose builders every router imports; as nodes they would put each
 * module in a cycle with them and say nothing about the modules themselves.
 */
function moduleNodeOf(file: string): string | null {
  const inModule = /^server\/modules\/([^/]+)\/./.exec(file);
  if (inModule) return inModule[1];
  if (/^server\/modules\/scope(?:\.ts)?$/.test(file)) return "scope";
  const layer = /^server\/(lib|db|shared-state)\//.exec(file);
  return layer ? layer[1] : null;
}

/** Module → module → the files (and specifiers) that make the edge. */
type ModuleGraph = Map<string, Map<string, string[]>>;

/**
 * The module graph of some source files (repository-relative path → text). Static imports,
 * re-exports and dynamic import() count; `import type` and `export type` do not: they are erased
 * when compiled, so they never load the other module or call into it, and a lower layer naming
 * the shape it is handed (server/lib/mailer.ts taking a Scope) is not a dependency on its caller.
 */
function moduleGraph(sources: Map<string, string>): ModuleGraph {
  const graph: ModuleGraph = new Map();
  for (const [file, source] of sources) {
    const from = moduleNodeOf(file);
    if (!from || isTestSupport(file)) continue;
    for (const ref of importsOf(source, file)) {
      if (ref.typeOnly) continue;
      const target = resolveSpecifier(ref.specifier, file);
      const to = target && moduleNodeOf(target);
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), `${file} → ${ref.specifier}`]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** The repository path a local specifier names (without resolving the extension), or null for packages. */
function resolveSpecifier(specifier: string, fromFile: string): string | null {
  if (specifier.startsWith("@/")) return path.posix.normalize(specifier.slice(2));
  if (specifier.startsWith(".")) return path.posix.join(path.posix.dirname(fromFile), specifier);
  return null;
}

/**
 * Every cycle, as its strongly connected component (Tarjan): the modules that all reach each
 * other, with each edge inside it and the imports that make it. Empty when the graph is a DAG.
 */
function moduleCycles(graph: ModuleGraph): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((members) => {
    const edges = members.flatMap((a) =>
      members.filter((b) => graph.get(a)?.has(b)).map((b) => `  ${a} → ${b}: ${graph.get(a)!.get(b)!.join("; ")}`),
    );
    return [`cycle between ${members.join(", ")}:`, ...edges].join("\n");
  });
}

/** Every non-test source file under server/, by repository-relative path. */
function serverSources(): Map<string, string> {
  return new Map(
    walk(SERVER_DIR)
      .filter((f) => !f.includes(`${path.sep}generated${path.sep}`))
      .map((f) => [rel(f).split(path.sep).join("/"), readFileSync(f, "utf8")] as const)
      .filter(([file]) => !isTestSupport(file)),
  );
}

describe("modules depend on each other in one direction only", () => {
  it("the scanner finds direct and longer cycles, and ignores type imports and tests", () => {
    const sample = new Map([
      ["server/modules/tickets/service.ts", `import * as storage from "../storage/service";`],
      ["server/modules/storage/access.ts", `import { visible } from "../tickets/access";`],
      ["server/modules/a/service.ts", `export { b } from "@/server/modules/b/service";`],
      ["server/modules/b/service.ts", `const c = await import("../c/service");`],
      ["server/modules/c/service.ts", `import { a } from "../a/service";`],
      ["server/modules/d/service.ts", `import type { E } from "../e/service";\nimport { f } from "../f/service";`],
      ["server/modules/e/service.ts", `import { d } from "../d/service";`],
      ["server/modules/f/f.test.ts", `import { d } from "../d/service";`],
      ["server/modules/f/testing.ts", `import { d } from "../d/service";`],
      ["server/lib/mailer.ts", `import type { Scope } from "../modules/scope";`],
      ["server/modules/scope.ts", `import type { Tx } from "../db/tenant";`],
      ["server/api/trpc.ts", `import * as companies from "../modules/companies/service";`],
      ["server/modules/companies/router.ts", `import { router } from "../../api/trpc";`],
    ]);
    const cycles = moduleCycles(moduleGraph(sample));
    expect(cycles).toHaveLength(2);
    expect(cycles[0]).toMatch(/^cycle between a, b, c:/);
    expect(cycles[0]).toContain("c → a: server/modules/c/service.ts → ../a/service");
    expect(cycles[1]).toMatch(/^cycle between storage, tickets:/);
    expect(cycles[1]).toContain("storage → tickets: server/modules/storage/access.ts → ../tickets/access");
  });

  it("no module reaches back to a module that imports it", () => {
    const graph = moduleGraph(serverSources());
    // The scan sees the real graph: the tickets module uses the customers module, for one.
    expect(graph.get("tickets")?.has("customers")).toBe(true);
    expect(
      moduleCycles(graph),
      "invert one edge: pass the behaviour in, or move the code to the module that owns the data",
    ).toEqual([]);
  });
});

// ─── Table ownership ────────────────────────────────────────────────────────────────────────

/**
 * The module that owns each Prisma model is the one whose file declares it:
 * prisma/models/<module>.prisma. Only the owner creates, changes or deletes its rows; others call
 * its service functions. A new module's tables need no entry here.
 */
const MODEL_FILES = path.join(ROOT, "prisma", "models");

/** Writers besides the owner, each on purpose. */
const EXTRA_WRITERS: Record<string, readonly string[]> = {
  // The account row: the users module manages people (invitations, roles, status); the auth
  // module their credentials and sign-in state (password, two-factor, lockout, one's own profile).
  User: ["auth"],
  // The mail outbox is written by the mailer itself (server/lib/mailer.ts); the outbox module reads it.
  OutboundEmail: ["lib"],
  // Provisioning keeps the provisioning state of a subscription (provisioning, provisioningError,
  // provisionedAt), as subscriptions ask it to sync; a table of its own would leave one owner.
  Subscription: ["provisioning"],
  // Counters in fixed windows (rate limits, lockouts) are kept by the shared state every app
  // instance sees (server/shared-state), in PostgreSQL unless REDIS_URL is set.
  RateLimitBucket: ["shared-state"],
};

const MODEL_OWNERS: Record<string, readonly string[]> = Object.fromEntries(
  readdirSync(MODEL_FILES)
    .filter((f) => f.endsWith(".prisma"))
    .flatMap((f) => {
      const owner = f.replace(/\.prisma$/, "");
      return [...readFileSync(path.join(MODEL_FILES, f), "utf8").matchAll(/^model\s+(\w+)\s*\{/gm)].map(
        ([, model]) => [model, [owner, ...(EXTRA_WRITERS[model] ?? [])]] as const,
      );
    }),
);

const WRITE_METHODS = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);
const RAW_WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"/gi;

/** The models a source text writes: `tx.ticketEvent.create(…)`, and raw `INSERT INTO "Ticket"`-style SQL. */
function writesOf(source: string, fileName = "x.ts"): { model: string; line: number }[] {
  const delegates = new Map(Object.keys(MODEL_OWNERS).map((m) => [m[0].toLowerCase() + m.slice(1), m]));
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: { model: string; line: number }[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      WRITE_METHODS.has(node.expression.name.text) &&
      ts.isPropertyAccessExpression(node.expression.expression)
    ) {
      const model = delegates.get(node.expression.expression.name.text);
      if (model) found.push({ model, line: lineOf(node) });
    }
    if (
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isStringLiteral(node)
    ) {
      for (const m of node.text.matchAll(RAW_WRITE))
        if (MODEL_OWNERS[m[1]]) found.push({ model: m[1], line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Writes of a model by code outside the module that owns it, as "file:line writes Model (owned by …)". */
function foreignWrites(sources: Map<string, string>): string[] {
  return [...sources].flatMap(([file, source]) => {
    if (isTestSupport(file)) return [];
    const writer = moduleNodeOf(file);
    return writesOf(source, file)
      .filter(({ model }) => !writer || !MODEL_OWNERS[model].includes(writer))
      .map(({ model, line }) => `${file}:${line} writes ${model} (owned by ${MODEL_OWNERS[model].join(" and ")})`);
  });
}

describe("each table is written only by the module that owns it", () => {
  it("the scanner finds Prisma and raw SQL writes outside the owner, and lets reads, owners and tests through", () => {
    const sample = new Map([
      [
        "server/modules/sla/escalation.ts",
        [
          `await tx.ticket.update({ where: { id }, data: { priority } });`,
          `await scope.tx.ticketEvent.create({ data });`,
          'await tx.$executeRaw`DELETE FROM "TicketWatcher" WHERE id = ${id}`;',
          'await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${id} FOR UPDATE`;',
          `const open = await tx.ticket.findMany({ where: {} });`,
          `await tx.escalationRule.update({ where: { id }, data });`,
        ].join("\n"),
      ],
      ["server/modules/tickets/service.ts", `await scope.tx.ticketEvent.create({ data });`],
      ["server/modules/tickets/tickets.test.ts", `await tx.customer.update({ where: { id }, data });`],
      ["server/test/fixtures.ts", `await tx.user.create({ data });`],
      ["app/api/demo/route.ts", `await db().customer.deleteMany({});`],
    ]);
    expect(foreignWrites(sample)).toEqual([
      "server/modules/sla/escalation.ts:1 writes Ticket (owned by tickets)",
      "server/modules/sla/escalation.ts:2 writes TicketEvent (owned by tickets)",
      "server/modules/sla/escalation.ts:3 writes TicketWatcher (owned by tickets)",
      "app/api/demo/route.ts:1 writes Customer (owned by customers)",
    ]);
  });

  it("every Prisma model is declared in its owner's file, prisma/models/<module>.prisma", () => {
    const declared = walkPrismaSchemas()
      .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]))
      .sort();
    expect(declared.length, "models found under prisma/").toBeGreaterThan(10);
    expect(Object.keys(MODEL_OWNERS).sort(), "a model outside prisma/models, or declared twice").toEqual(declared);
    const modules = new Set([...readdirSync(path.join(ROOT, "server", "modules")), "lib", "shared-state"]);
    const unknown = Object.entries(MODEL_OWNERS).filter(([, owners]) => owners.some((o) => !modules.has(o)));
    expect(unknown, "a models file or extra writer that names no module folder").toEqual([]);
  });

  it("no module writes another module's tables", () => {
    const sources = new Map([
      ...serverSources(),
      ...[...walk(path.join(ROOT, "app")), ...walk(path.join(ROOT, "scripts"))].map(
        (f) => [rel(f).split(path.sep).join("/"), readFileSync(f, "utf8")] as const,
      ),
    ]);
    expect(
      foreignWrites(sources),
      "call a service function of the owning module (add one if it lacks it) instead of writing its table",
    ).toEqual([]);
  });
});

function walkPrismaSchemas(): string[] {
  const dir = path.join(ROOT, "prisma");
  const found: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== "migrations") visit(full);
      else if (e.name.endsWith(".prisma")) found.push(full);
    }
  };
  visit(dir);
  return found;
}
