import { describe, expect, it } from "vitest";
import { publicProcedure, router } from "../api/trpc";
import { coverage, isolationCases } from "./isolation";
import { listProcedures } from "./trpc";

// The completeness check of server/api/tenant-isolation.test.ts, on a planted router and cases.

const planted = router({
  widgets: router({
    list: publicProcedure.query(() => []),
    parts: router({ remove: publicProcedure.mutation(() => null) }),
  }),
});
const ok = async () => {};

describe("the isolation harness's coverage check", () => {
  const procedures = listProcedures(planted).map((p) => p.path);

  it("passes when every procedure and route has one case", () => {
    const widgets = isolationCases({
      procedures: { "widgets.list": ok, "widgets.parts.remove": ok },
      rest: { "GET /api/widgets": ok },
    });
    expect(coverage({ widgets }, procedures, ["GET /api/widgets"])).toEqual({ missing: [], stale: [], twice: [] });
  });

  it("names a procedure or a route without a case, a case for nothing, and a case kept twice", () => {
    const widgets = isolationCases({ procedures: { "widgets.list": ok, "widgets.gone": ok } });
    const other = isolationCases({ procedures: { "widgets.list": ok } });
    expect(
      coverage({ widgets, other }, procedures, ["GET /api/widgets", "GET /api/health"], ["GET /api/health"]),
    ).toEqual({
      missing: ["widgets.parts.remove", "GET /api/widgets"],
      stale: ["widgets.gone"],
      twice: ["widgets.list"],
    });
  });
});
