// Pure helpers behind the list footer, kept apart from React so they can be tested alone.

/** One page of a server-side list, as every `list` procedure returns it. */
export type ListPage<Row> = { rows: readonly Row[]; total: number; page: number; pageSize: number; pageCount: number };

/** What a list holds, singular and plural: `["customer", "customers"]`. */
export type Noun = readonly [one: string, many: string];

/**
 * The footer's count: "1 customer", "Showing 26–50 of 120 customers", or with `range: false`
 * "120 customers". A page past the end (a stale link) falls back to the plain count.
 */
export function countText(
  page: Pick<ListPage<unknown>, "total" | "page" | "pageSize">,
  [one, many]: Noun,
  range = true,
): string {
  const { total } = page;
  if (total === 1) return `1 ${one}`;
  const first = (page.page - 1) * page.pageSize + 1;
  const last = Math.min(total, page.page * page.pageSize);
  if (!range || first > total) return `${total} ${many}`;
  return `Showing ${first}–${last} of ${total} ${many}`;
}
