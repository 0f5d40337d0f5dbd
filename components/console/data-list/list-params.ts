import type { SortDirection } from "./sortable-head";

// A list's state as its URL says it (`?q=…&status=…&sort=…&dir=…&page=…`), read the same way by
// the client component (through useListUrl) and by the server page that prefetches the list's
// first page. Both must build exactly the same query input, or the browser misses the prefetched
// page, fetches it again and the list flashes. No React here, so server pages can call it.

/** A page's `searchParams`, as Next.js hands them to a server component. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** Which column a list sorts by when the URL names none, and which columns sort newest/largest first. */
export type SortOptions<S extends string> = { fallback: S; descending?: readonly S[] };

export function listParams(source: URLSearchParams | PageSearchParams) {
  const get = (key: string): string | undefined => {
    if (source instanceof URLSearchParams) return source.get(key) ?? undefined;
    const value = source[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    /** 1-based page number. */
    page: pageFrom(get("page")),
    /** The committed search text (`?q=`), "" when none. */
    search: get("q") ?? "",
    get,
    /** The parameter when it is one of `allowed`, else undefined (a hand-edited URL is ignored). */
    oneOf: <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
      const value = get(key);
      return allowed.includes(value as T) ? (value as T) : undefined;
    },
    /** The sort from `?sort=&dir=`: one of `sorts`, else the fallback, in its default direction unless `dir` says. */
    sortOf: <S extends string>(sorts: readonly S[], options: SortOptions<S>) => {
      const sortParam = get("sort");
      const sort = sorts.includes(sortParam as S) ? (sortParam as S) : options.fallback;
      const dirParam = get("dir");
      const direction: SortDirection =
        dirParam === "asc" || dirParam === "desc" ? dirParam : defaultDirection(options, sort);
      return { sort, direction };
    },
  };
}

export type ListParams = ReturnType<typeof listParams>;

export function defaultDirection<S extends string>({ descending = [] }: SortOptions<S>, column: S): SortDirection {
  return descending.includes(column) ? "desc" : "asc";
}

function pageFrom(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}
