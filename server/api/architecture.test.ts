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
 * the ticket page ticks with the server's own numbers). Their own imports are checked in turn.
 */
const SHARED_WITH_BROWSER = [
  /^server\/modules\/[^/]+\/schema\.ts$/,
  /^server\/modules\/sla\/(clock|view)\.ts$/,
  /^server\/auth\/permissions\.ts$/,
  /^server\/auth\/password-policy\.ts$/,
  /^server\/lib\/money\.ts$/,
  /^server\/lib\/schema\.ts$/,
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
function clientBundleViolations(clientFile: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    if (chain.length > 0 && directiveOf(source) === "use server") return;
    for (const ref of importsOf(source, file)) {
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
      (f) => !/\.test\.[jt]sx?$/.test(f) && directiveOf(readFileSync(f, "utf8")) === "use client",
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
