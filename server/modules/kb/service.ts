import type { z } from "zod";
import { Prisma, type KbArticle, type KbCategory } from "../../db/generated/prisma/client";
import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage, pageOf } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import {
  createArticleSchema,
  helpSearchSchema,
  listArticlesSchema,
  moveCategorySchema,
  saveCategorySchema,
  slugify,
  updateArticleSchema,
} from "./schema";

// The knowledge base: ordered categories and markdown articles, public (customers see them in
// the portal's help centre and as suggestions while writing a ticket) or internal (staff only).
// An article is published when publishedAt is set; drafts are seen by staff only.
//
// Search is PostgreSQL full-text search over to_tsvector('simple', title || ' ' || body), the
// title weighted higher (setweight A against D), ranked with ts_rank, with ts_headline snippets.
// The 'simple' configuration does not stem or drop stop words, so it treats every language the
// same (our ISPs write English, Swahili, French…). There is deliberately no GIN index: the demo
// corpus is small, and under row-level security a full-text index would not be used anyway (the
// @@ operator is not LEAKPROOF, so the planner must apply the RLS policy first; see "under
// row-level security the trigram index is not used" in docs/BENCHMARKS.md).

// ── presentation ────────────────────────────────────────────────────────────────────────────

/** A run of snippet text, `hit` where it matched the search (the browser marks those). */
export type SnippetPart = { text: string; hit: boolean };

const HIT_START = "\u27e6"; // ⟦
const HIT_END = "\u27e7"; // ⟧

/** Markdown as plain text, for excerpts: no headings' hashes, emphasis, links' targets or code fences. */
export function plainText(markdown: string): string {
  return (
    markdown
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      // Emphasis marks go without a trace ("**router**:" reads "router:"); block marks become spaces.
      .replace(/[*_`~]+/g, "")
      .replace(/[#>|]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function excerpt(markdown: string, max = 180): SnippetPart[] {
  const text = plainText(markdown);
  return [{ text: text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")}…` : text, hit: false }];
}

/** ts_headline's text with ⟦hits⟧ as parts. */
function parseHeadline(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of headline.split(HIT_START)) {
    const end = piece.indexOf(HIT_END);
    if (end === -1) {
      if (piece) parts.push({ text: piece, hit: false });
      continue;
    }
    parts.push({ text: piece.slice(0, end), hit: true });
    if (end + 1 < piece.length) parts.push({ text: piece.slice(end + 1), hit: false });
  }
  return parts;
}

type ArticleRow = KbArticle & { category: Pick<KbCategory, "id" | "name"> | null };
const WITH_CATEGORY = { category: { select: { id: true, name: true } } } as const;

function summary(a: ArticleRow, snippet?: SnippetPart[]) {
  return {
    id: a.id,
    title: a.title,
    slug: a.slug,
    visibility: a.visibility,
    published: a.publishedAt !== null,
    publishedAt: a.publishedAt,
    category: a.category,
    views: a.views,
    updatedAt: a.updatedAt,
    snippet: snippet ?? excerpt(a.body),
  };
}
export type ArticleSummary = ReturnType<typeof summary>;

function present(a: ArticleRow) {
  const { snippet: _snippet, ...rest } = summary(a);
  return { ...rest, body: a.body, categoryId: a.categoryId, authorId: a.authorId, createdAt: a.createdAt };
}
export type ArticleView = ReturnType<typeof present>;

// ── categories ──────────────────────────────────────────────────────────────────────────────

export async function categories(scope: Scope) {
  const rows = await scope.tx.kbCategory.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    include: { _count: { select: { articles: true } } },
  });
  return rows.map((c) => ({ id: c.id, name: c.name, position: c.position, articles: c._count.articles }));
}

const nameTaken = () =>
  new Conflict("There is already a category with this name.", { name: "Already used by another category." });

export async function saveCategory(scope: Scope, input: z.input<typeof saveCategorySchema>) {
  const data = saveCategorySchema.parse(input);
  const clash = await scope.tx.kbCategory.findFirst({
    where: { name: { equals: data.name, mode: "insensitive" }, id: data.id ? { not: data.id } : undefined },
    select: { id: true },
  });
  if (clash) throw nameTaken();
  return onUnique(async () => {
    if (data.id) {
      const before = await scope.tx.kbCategory.findUnique({ where: { id: data.id } });
      if (!before) throw new NotFound("Category");
      const row = await scope.tx.kbCategory.update({ where: { id: data.id }, data: { name: data.name } });
      await audit.record(scope, {
        action: "kb.category_update",
        entityType: "KbCategory",
        entityId: row.id,
        before: { name: before.name },
        after: { name: row.name },
      });
      return row;
    }
    const last = await scope.tx.kbCategory.aggregate({ _max: { position: true } });
    const row = await scope.tx.kbCategory.create({
      data: { id: newId(), companyId: scope.companyId, name: data.name, position: (last._max.position ?? -1) + 1 },
    });
    await audit.record(scope, {
      action: "kb.category_create",
      entityType: "KbCategory",
      entityId: row.id,
      after: { name: row.name, position: row.position },
    });
    return row;
  }, nameTaken);
}

/** Swaps the category with its neighbour; positions are renumbered 0…n-1 on the way. */
export async function moveCategory(scope: Scope, input: z.input<typeof moveCategorySchema>) {
  const { id, direction } = moveCategorySchema.parse(input);
  const all = await scope.tx.kbCategory.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true },
  });
  const at = all.findIndex((c) => c.id === id);
  if (at === -1) throw new NotFound("Category");
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= all.length) return categories(scope);
  const order = all.map((c) => c.id);
  [order[at], order[to]] = [order[to], order[at]];
  for (const [position, cid] of order.entries())
    await scope.tx.kbCategory.update({ where: { id: cid }, data: { position } });
  await audit.record(scope, {
    action: "kb.category_move",
    entityType: "KbCategory",
    entityId: id,
    before: { position: at },
    after: { position: to },
  });
  return categories(scope);
}

/** Its articles stay, without a category. */
export async function deleteCategory(scope: Scope, id: string) {
  const before = await scope.tx.kbCategory.findUnique({
    where: { id },
    include: { _count: { select: { articles: true } } },
  });
  if (!before) throw new NotFound("Category");
  await scope.tx.kbCategory.delete({ where: { id } });
  await audit.record(scope, {
    action: "kb.category_delete",
    entityType: "KbCategory",
    entityId: id,
    before: { name: before.name, articles: before._count.articles },
  });
  return { uncategorized: before._count.articles };
}

// ── articles ────────────────────────────────────────────────────────────────────────────────

async function find(scope: Scope, id: string): Promise<ArticleRow> {
  const row = await scope.tx.kbArticle.findUnique({ where: { id }, include: WITH_CATEGORY });
  if (!row) throw new NotFound("Article");
  return row;
}

export async function get(scope: Scope, id: string) {
  return present(await find(scope, id));
}

const slugTaken = (slug: string) =>
  new Conflict(`Another article already uses the address "${slug}".`, {
    slug: "Already used by another article: choose another.",
  });

async function assertCategory(scope: Scope, categoryId: string | null) {
  if (categoryId && !(await scope.tx.kbCategory.findUnique({ where: { id: categoryId }, select: { id: true } }))) {
    throw new NotFound("Category");
  }
}

/** The given slug, or one made from the title; a clash is refused (an explicit one) or numbered (a made one). */
async function slugFor(scope: Scope, given: string | null, title: string, exceptId?: string): Promise<string> {
  const taken = async (s: string) =>
    !!(await scope.tx.kbArticle.findFirst({
      where: { slug: s, id: exceptId ? { not: exceptId } : undefined },
      select: { id: true },
    }));
  if (given) {
    if (await taken(given)) throw slugTaken(given);
    return given;
  }
  const base = slugify(title) || "article";
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

export async function create(scope: Scope, input: z.input<typeof createArticleSchema>) {
  const data = createArticleSchema.parse(input);
  await assertCategory(scope, data.categoryId);
  const slug = await slugFor(scope, data.slug, data.title);
  const row = await onUnique(
    scope.tx.kbArticle.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        title: data.title,
        slug,
        body: data.body,
        categoryId: data.categoryId,
        visibility: data.visibility,
        publishedAt: data.published ? new Date() : null,
        authorId: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
      },
      include: WITH_CATEGORY,
    }),
    () => slugTaken(slug),
  );
  await audit.record(scope, {
    action: "kb.article_create",
    entityType: "KbArticle",
    entityId: row.id,
    after: { title: row.title, slug, visibility: row.visibility, published: data.published },
  });
  return present(row);
}

export async function update(scope: Scope, input: z.input<typeof updateArticleSchema>) {
  const { id, ...data } = updateArticleSchema.parse(input);
  const before = await find(scope, id);
  await assertCategory(scope, data.categoryId);
  // An edit keeps the address unless one is given: links customers were sent keep working.
  const slug = data.slug ?? before.slug;
  if (slug !== before.slug) await slugFor(scope, slug, data.title, id);
  const row = await onUnique(
    scope.tx.kbArticle.update({
      where: { id },
      data: {
        title: data.title,
        slug,
        body: data.body,
        categoryId: data.categoryId,
        visibility: data.visibility,
        // Publishing keeps the first publication date; unpublishing makes it a draft again.
        publishedAt: data.published ? (before.publishedAt ?? new Date()) : null,
      },
      include: WITH_CATEGORY,
    }),
    () => slugTaken(slug),
  );
  const b = {
    title: before.title,
    slug: before.slug,
    categoryId: before.categoryId,
    visibility: before.visibility,
    published: before.publishedAt !== null,
    bodyLength: before.body.length,
  };
  const a = {
    title: row.title,
    slug: row.slug,
    categoryId: row.categoryId,
    visibility: row.visibility,
    published: row.publishedAt !== null,
    bodyLength: row.body.length,
  };
  await audit.record(scope, {
    action: "kb.article_update",
    entityType: "KbArticle",
    entityId: id,
    before: b,
    after: a,
  });
  return present(row);
}

export async function remove(scope: Scope, id: string) {
  const before = await find(scope, id);
  await scope.tx.kbArticle.delete({ where: { id } });
  await audit.record(scope, {
    action: "kb.article_delete",
    entityType: "KbArticle",
    entityId: id,
    before: { title: before.title, slug: before.slug, visibility: before.visibility },
  });
}

// ── search ──────────────────────────────────────────────────────────────────────────────────

/** Weighted document of an article: title (A) above body (D). */
const DOCUMENT = Prisma.sql`(setweight(to_tsvector('simple', a.title), 'A') || setweight(to_tsvector('simple', a.body), 'D'))`;
/** `](https://…)` of a link, then markdown's punctuation: headlines read as prose. */
const LINK_TARGET = String.raw`\]\([^)]*\)`;
const MARKDOWN_EMPHASIS = "[*_`~\\[\\]]+";
const MARKDOWN_BLOCK = "[#>|]+";
const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** What the portal may ever see: public and published (not scheduled for later). */
const PUBLIC_ONLY = Prisma.sql`a.visibility = 'PUBLIC' AND a."publishedAt" IS NOT NULL AND a."publishedAt" <= now()`;

interface Hit {
  id: string;
  rank: number;
  headline: string;
}

/**
 * Articles matching a tsquery (an SQL expression), best first: rank, then title. The headline is
 * made from the body as plain text (markdown punctuation stripped), so snippets read as prose.
 */
async function ranked(
  scope: Scope,
  tsquery: Prisma.Sql,
  where: Prisma.Sql[],
  limit: number,
  offset = 0,
): Promise<{ hits: Hit[]; total: number }> {
  const filter = where.length ? Prisma.sql`AND ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const hits = await scope.tx.$queryRaw<(Hit & { total: bigint })[]>`
    WITH q AS (SELECT ${tsquery} AS query)
    SELECT a.id,
           ts_rank(${DOCUMENT}, q.query)::float8 AS rank,
           ts_headline('simple', regexp_replace(regexp_replace(regexp_replace(a.body, ${LINK_TARGET}, ' ', 'g'), ${MARKDOWN_EMPHASIS}, '', 'g'), ${MARKDOWN_BLOCK}, ' ', 'g'), q.query, ${HEADLINE_OPTIONS}) AS headline,
           count(*) OVER () AS total
      FROM "KbArticle" a, q
     WHERE ${DOCUMENT} @@ q.query ${filter}
     ORDER BY rank DESC, a.title ASC, a.id ASC
     LIMIT ${limit} OFFSET ${offset}`;
  return {
    hits,
    total: hits.length ? Number(hits[0].total) : offset > 0 ? await countMatches(scope, tsquery, filter) : 0,
  };
}

/** Only for a page past the end, where the window count has no row to ride on. */
async function countMatches(scope: Scope, tsquery: Prisma.Sql, filter: Prisma.Sql): Promise<number> {
  const rows = await scope.tx.$queryRaw<{ n: bigint }[]>`
    WITH q AS (SELECT ${tsquery} AS query)
    SELECT count(*) AS n FROM "KbArticle" a, q WHERE ${DOCUMENT} @@ q.query ${filter}`;
  return Number(rows[0]?.n ?? 0);
}

/** The articles of the hits, in the hits' order, with their snippets. */
async function hydrate(scope: Scope, hits: Hit[]): Promise<ArticleSummary[]> {
  if (!hits.length) return [];
  const rows = await scope.tx.kbArticle.findMany({
    where: { id: { in: hits.map((h) => h.id) } },
    include: WITH_CATEGORY,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hits.flatMap((h) => {
    const row = byId.get(h.id);
    if (!row) return [];
    const snippet = h.headline && h.headline.includes(HIT_START) ? parseHeadline(h.headline) : excerpt(row.body);
    return [summary(row, snippet)];
  });
}

/** A search typed by a person: quotes, OR and -word work as on web search engines. */
const webQuery = (text: string) => Prisma.sql`websearch_to_tsquery('simple', ${text})`;

/** Staff's list: every article (drafts and internal ones too), filtered, searched and paged. */
export async function list(scope: Scope, input: z.input<typeof listArticlesSchema>) {
  const f = listArticlesSchema.parse(input);
  const sqlWhere: Prisma.Sql[] = [];
  const where: Prisma.KbArticleWhereInput = {};
  if (f.categoryId === "none") {
    sqlWhere.push(Prisma.sql`a."categoryId" IS NULL`);
    where.categoryId = null;
  } else if (f.categoryId) {
    sqlWhere.push(Prisma.sql`a."categoryId" = ${f.categoryId}`);
    where.categoryId = f.categoryId;
  }
  if (f.state === "published") {
    sqlWhere.push(Prisma.sql`a."publishedAt" IS NOT NULL`);
    where.publishedAt = { not: null };
  } else if (f.state === "draft") {
    sqlWhere.push(Prisma.sql`a."publishedAt" IS NULL`);
    where.publishedAt = null;
  }
  if (f.visibility) {
    sqlWhere.push(Prisma.sql`a.visibility = ${f.visibility}::"ArticleVisibility"`);
    where.visibility = f.visibility;
  }
  if (f.search) {
    const { hits, total } = await ranked(scope, webQuery(f.search), sqlWhere, f.pageSize, (f.page - 1) * f.pageSize);
    return { ...pageOf(total, f.page, f.pageSize), rows: await hydrate(scope, hits) };
  }
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.kbArticle.count({ where }),
    rows: (window) =>
      scope.tx.kbArticle.findMany({
        where,
        include: WITH_CATEGORY,
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
        ...window,
      }),
  });
  return { ...paging, rows: rows.map((r) => summary(r)) };
}

// ── suggestions while a customer types ──────────────────────────────────────────────────────

/** Words that say nothing about the problem, in the languages our ISPs' customers write. */
const STOP_WORDS = new Set(
  (
    "the and for are but not you your yours with this that these those have has had was were been being from they them their there here what when where which who whom why how " +
    "can could would should will shall may might must does did doing done just very too also only than then into onto about over under again still even some any all each " +
    "our ours out off its isn aren wasn weren don doesn didn can won haven hasn cant dont doesnt isnt wont please thanks thank hello dear sir madam since today yesterday " +
    "now get got getting need want help issue problem work working works anyone someone something anything morning evening night week day days hours time times " +
    "na ya wa kwa ni la za cha vya katika hii hiyo hapa sasa leo jana tafadhali habari asante sana"
  ).split(/\s+/),
);

/** The meaningful words of free text, lower-cased, letters and digits only, at most 12. */
export function meaningfulWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].slice(0, 12);
}

/**
 * Spellings customers type for what articles write hyphenated ('simple' parsing indexes "Wi-Fi"
 * as wi-fi, wi and fi, never as wifi). Constants, so safe inside to_tsquery's text.
 */
const SPELLINGS: Record<string, string> = { wifi: "wi-fi", mpesa: "m-pesa", email: "e-mail", ethernet: "ether-net" };

/**
 * The tsquery terms of one word: the word's stem as a prefix ("dropping" → drop:*, which finds
 * "drops"; 'simple' does not stem), plus a known other spelling. Every word is letters and
 * digits only (meaningfulWords), so to_tsquery cannot fail on the text built from them.
 */
function queryTerms(word: string): string[] {
  let stem = word.replace(/(?:ing|ed|es|s|ly)$/u, "");
  if (stem.length < 3) stem = word;
  else if (/([^aeiou])\1$/u.test(stem)) stem = stem.slice(0, -1);
  const terms = [`${stem}:*`];
  if (SPELLINGS[word]) terms.push(SPELLINGS[word]);
  return terms;
}

/**
 * PUBLIC published articles relevant to what a customer is typing (a new ticket's subject and
 * description). The words are ORed, each as a prefix ("connect" finds "connection"): with
 * websearch's AND, a long description would match nothing. Articles matching more words, and
 * matching in the title, rank first. Fewer than 3 characters, or only filler words: nothing.
 */
export async function suggest(scope: Scope, text: string, limit = 5): Promise<ArticleSummary[]> {
  if (text.trim().length < 3) return [];
  const query = anyWordQuery(text);
  if (!query) return [];
  const { hits } = await ranked(scope, query, [PUBLIC_ONLY], Math.min(Math.max(limit, 1), 10));
  return hydrate(scope, hits);
}

/** Any of the text's meaningful words (as prefixes), or null when it has none. */
function anyWordQuery(text: string): Prisma.Sql | null {
  const words = meaningfulWords(text);
  if (!words.length) return null;
  return Prisma.sql`to_tsquery('simple', ${words.flatMap(queryTerms).join(" | ")})`;
}

/** Web-search syntax ("quotes", -not, or) is honoured as typed; plain words are ORed like suggest(). */
const usesOperators = (text: string) => /"|(^|\s)-\S|\sor\s/i.test(text);

// ── the portal's help centre ────────────────────────────────────────────────────────────────

/** Categories with public articles, and the public articles of a search or a category. */
export async function help(scope: Scope, input: z.input<typeof helpSearchSchema>) {
  const f = helpSearchSchema.parse(input);
  const visible: Prisma.KbArticleWhereInput = { visibility: "PUBLIC", publishedAt: { not: null, lte: new Date() } };
  const cats = await scope.tx.kbCategory.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    include: { _count: { select: { articles: { where: visible } } } },
  });
  const categoriesShown = cats
    .filter((c) => c._count.articles > 0)
    .map((c) => ({ id: c.id, name: c.name, articles: c._count.articles }));
  const sqlWhere = [PUBLIC_ONLY];
  if (f.categoryId) sqlWhere.push(Prisma.sql`a."categoryId" = ${f.categoryId}`);
  let articles: ArticleSummary[];
  if (f.search) {
    // Customers type sentences ("my wifi is slow"): with every word required nothing matches.
    const query = (!usesOperators(f.search) && anyWordQuery(f.search)) || webQuery(f.search);
    articles = await hydrate(scope, (await ranked(scope, query, sqlWhere, 50)).hits);
  } else {
    const rows = await scope.tx.kbArticle.findMany({
      where: { ...visible, categoryId: f.categoryId || undefined },
      include: WITH_CATEGORY,
      orderBy: [{ views: "desc" }, { title: "asc" }],
      take: 100,
    });
    articles = rows.map((r) => summary(r));
  }
  return { categories: categoriesShown, articles: articles.map(({ views: _views, ...a }) => a) };
}

async function findPublic(scope: Scope, slug: string): Promise<ArticleRow> {
  const row = await scope.tx.kbArticle.findFirst({
    where: { slug, visibility: "PUBLIC", publishedAt: { not: null, lte: new Date() } },
    include: WITH_CATEGORY,
  });
  // Internal articles and drafts are "not found", not "forbidden": a customer learns nothing of them.
  if (!row) throw new NotFound("Article");
  return row;
}

/** A public article by its address, for the portal (no author, no view count). */
export async function helpArticle(scope: Scope, slug: string) {
  const a = await findPublic(scope, slug);
  return {
    id: a.id,
    title: a.title,
    slug: a.slug,
    body: a.body,
    category: a.category,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
  };
}

/**
 * Counts a customer's reading of a public article (staff previews do not count). Not audited: a
 * view is a statistic, not a change anyone needs to trace.
 */
export async function recordView(scope: Scope, slug: string): Promise<void> {
  const a = await findPublic(scope, slug);
  await scope.tx.kbArticle.update({ where: { id: a.id }, data: { views: { increment: 1 } } });
}
