import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonSchemaOf } from "../api/rest/openapi";
import { listPage, pageOf, pagination, queryOf } from "./schema";

describe("queryOf", () => {
  const filter = pagination().extend({
    search: z.string().trim().max(100).optional().describe("Part of a name."),
    due: z.boolean().optional(),
    kinds: z.array(z.enum(["A", "B"])).optional(),
    status: z.enum(["OPEN", "DONE"]).optional(),
  });
  const query = queryOf(filter);

  it("reads numbers, booleans and arrays from query-string text, with the filter's defaults", () => {
    expect(query.parse({})).toEqual({ page: 1, pageSize: 25 });
    expect(query.parse({ page: "3", pageSize: "50", due: "true", kinds: "A,B", status: "OPEN" })).toEqual({
      page: 3,
      pageSize: 50,
      due: true,
      kinds: ["A", "B"],
      status: "OPEN",
    });
    expect(query.parse({ kinds: ["A", "B"], due: "0" })).toMatchObject({ kinds: ["A", "B"], due: false });
  });

  it("keeps the filter's rules", () => {
    expect(query.safeParse({ pageSize: "101" }).success).toBe(false);
    expect(query.safeParse({ page: "two" }).success).toBe(false);
    expect(query.safeParse({ kinds: "C" }).success).toBe(false);
    expect(query.safeParse({ due: "maybe" }).success).toBe(false);
  });

  it("documents the filter's types and descriptions, not the coercion", () => {
    const json = jsonSchemaOf(query, "input") as { properties: Record<string, Record<string, unknown>> };
    expect(json.properties.page).toMatchObject({ type: "integer", minimum: 1, default: 1 });
    expect(json.properties.search).toMatchObject({ type: "string", description: "Part of a name." });
    expect(json.properties.kinds).toMatchObject({ type: "array" });
  });
});

describe("pageOf", () => {
  it("counts pages, at least one even when empty", () => {
    expect(pageOf(0, 1, 25)).toEqual({ total: 0, page: 1, pageSize: 25, pageCount: 1 });
    expect(pageOf(51, 2, 25)).toEqual({ total: 51, page: 2, pageSize: 25, pageCount: 3 });
  });
});

describe("listPage", () => {
  it("counts first, then reads the page's window, and answers in pageOf's shape", async () => {
    const calls: string[] = [];
    const letters = "abcdefghijk".split("");
    const page = await listPage(
      { page: 3, pageSize: 4 },
      {
        count: async () => (calls.push("count"), letters.length),
        rows: async ({ skip, take }) => (calls.push(`rows ${skip}+${take}`), letters.slice(skip, skip + take)),
      },
    );
    expect(calls).toEqual(["count", "rows 8+4"]);
    expect(page).toEqual({ total: 11, page: 3, pageSize: 4, pageCount: 3, rows: ["i", "j", "k"] });
  });
});
