import { readFileSync } from "node:fs";
import path from "node:path";

// The route template of a request path, for metric labels: "/api/customers/[id]" for
// "/api/customers/ck9…", from the app's own routes as `next build` lists them
// (.next/app-path-routes-manifest.json). A bounded set: a path no route matches is "unmatched".

type Segment = { kind: "static"; value: string } | { kind: "one" } | { kind: "rest"; optional: boolean };
interface Pattern {
  template: string;
  segments: Segment[];
}

function parse(template: string): Pattern {
  const segments: Segment[] = template
    .split("/")
    .filter(Boolean)
    .map((s) =>
      s.startsWith("[[...")
        ? { kind: "rest", optional: true }
        : s.startsWith("[...")
          ? { kind: "rest", optional: false }
          : s.startsWith("[")
            ? { kind: "one" }
            : { kind: "static", value: s },
    );
  return { template, segments };
}

/** More static segments first; then a single dynamic segment before a catch-all. */
function specificity(p: Pattern): number[] {
  return p.segments.map((s) => (s.kind === "static" ? 3 : s.kind === "one" ? 2 : s.optional ? 0 : 1));
}

function byPrecedence(a: Pattern, b: Pattern): number {
  const x = specificity(a);
  const y = specificity(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (y[i] ?? -1) - (x[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function matches(p: Pattern, parts: string[]): boolean {
  for (let i = 0; i < p.segments.length; i++) {
    const s = p.segments[i]!;
    if (s.kind === "rest") return s.optional ? true : parts.length > i;
    if (i >= parts.length) return false;
    if (s.kind === "static" && s.value !== parts[i]) return false;
  }
  return parts.length === p.segments.length;
}

export function routeMatcher(templates: readonly string[]): (pathname: string) => string {
  const patterns = [...new Set(templates)].map(parse).sort(byPrecedence);
  const cache = new Map<string, string>();
  return (pathname) => {
    let found = cache.get(pathname);
    if (found) return found;
    if (pathname.startsWith("/_next/")) found = pathname.startsWith("/_next/static/") ? "/_next/static" : "/_next";
    else {
      const parts = pathname.split("/").filter(Boolean);
      found = patterns.find((p) => matches(p, parts))?.template ?? "unmatched";
    }
    // Paths carry ids, so the cache is bounded: emptied when full.
    if (cache.size >= 5_000) cache.clear();
    cache.set(pathname, found);
    return found;
  };
}

/** The matcher for a production build in `dir`, or one that only knows the direct routes. */
export function routeMatcherOf(dir: string, extra: readonly string[] = []): (pathname: string) => string {
  let templates: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, ".next/app-path-routes-manifest.json"), "utf8")) as Record<
      string,
      string
    >;
    templates = Object.values(manifest);
  } catch {
    // No build (a test server): every path but the direct routes is "unmatched".
  }
  return routeMatcher([...templates, ...extra]);
}
