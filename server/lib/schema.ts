import { z } from "zod";

// Zod building blocks every module's schema.ts shares, so an id, a page or a bounded text field
// means the same everywhere. Pure zod (and plain functions) and nothing else: the browser's forms
// import the module schemas, and with them this file.

/** A record's opaque id, as sent in URLs, inputs and forms. */
export const id = z.string().min(1).max(64);

/** An id that may be left out: "", null and undefined all mean none (a select's empty option). */
export const optionalId = z
  .string()
  .max(64)
  .nullish()
  .transform((v) => v || null);

/** `{ id }`, the REST path parameters of one record, described for the API reference. */
export const idParams = (description: string) => z.object({ id: id.describe(description) });

/** Optional text, trimmed; "" means "not given" (forms and CSV cells send empty strings). */
export const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A list's free-text search box. */
export const searchText = (max = 100) => z.string().trim().max(max).optional();

/** Sort direction of a list. */
export const sortDirection = (fallback: "asc" | "desc" = "desc") =>
  z.enum(["asc", "desc"]).default(fallback).describe("Sort direction.");

/** Which page of a list, and how many rows on it. */
export function pagination({ size = 25, max = 100 }: { size?: number; max?: number } = {}) {
  return z.object({
    page: z.number().int().min(1).default(1).describe("Page number, from 1."),
    pageSize: z.number().int().min(1).max(max).default(size).describe(`Rows per page, at most ${max}.`),
  });
}

/** The paging part of a list's answer; the rows come beside it: `{ ...pageOf(total, page, size), rows }`. */
export function pageOf(total: number, page: number, pageSize: number) {
  return { total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Which rows a page is, as Prisma's findMany (and SQL's OFFSET/LIMIT) take them. */
export type PageWindow = { skip: number; take: number };

/**
 * A list's answer: counts the matches, then reads the page's rows, and returns
 * `{ ...pageOf(…), rows }`. One query after the other (not Promise.all): a tenant transaction is
 * one connection, where overlapping queries only queue. The rows keep the type `rows` gives them:
 *
 *   return listPage(f, {
 *     count: () => scope.tx.site.count({ where }),
 *     rows: (window) => scope.tx.site.findMany({ where, orderBy, include, ...window }),
 *   });
 *
 * `rows` may map what it read (`.then((r) => r.map(present))`) or do more work for the page.
 */
export async function listPage<Row>(
  { page, pageSize }: { page: number; pageSize: number },
  query: { count: () => PromiseLike<number>; rows: (window: PageWindow) => PromiseLike<Row[]> },
) {
  const total = await query.count();
  const rows = await query.rows({ skip: (page - 1) * pageSize, take: pageSize });
  return { ...pageOf(total, page, pageSize), rows };
}

/** A list's answer as a schema (REST responses), the shape pageOf() builds. */
export function pageSchema<Row extends z.ZodType>(row: Row) {
  const count = z.number().int();
  return z.object({ total: count, page: count, pageSize: count, pageCount: count, rows: z.array(row) });
}

// ── query strings ────────────────────────────────────────────────────────────────────────────

/** The schema a field checks its value with, under optional/default/nullable and transforms. */
function leafOf(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
  if (def.innerType) return leafOf(def.innerType);
  if (def.type === "pipe" && def.in) return leafOf(def.in);
  return schema;
}

/** A query-string value ("3", "true", "a,b" or repeated `?x=a&x=b`) as the field's type wants it. */
function coercer(leaf: z.core.$ZodType): (value: unknown) => unknown {
  switch (leaf._zod.def.type) {
    case "number":
      return (v) => (typeof v !== "string" ? v : v.trim() === "" ? undefined : Number(v));
    case "boolean":
      return (v) => (v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : v === "" ? undefined : v);
    case "array":
      return (v) =>
        typeof v === "string" || Array.isArray(v)
          ? [v]
              .flat()
              .flatMap((s) => String(s).split(","))
              .map((s) => s.trim())
              .filter(Boolean)
          : v;
    default:
      return (v) => v;
  }
}

/**
 * The REST query-string form of a module's tRPC list/filter schema: the same fields, rules,
 * defaults and descriptions, with numbers, booleans and arrays read from their text. One schema
 * per query; the REST endpoint never keeps a second copy.
 */
export function queryOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, z.preprocess(coercer(leafOf(field)), field)]),
  ) as { [K in keyof Shape]: z.ZodPipe<z.ZodTransform<unknown, unknown>, Shape[K]> };
  return z.object(shape);
}
