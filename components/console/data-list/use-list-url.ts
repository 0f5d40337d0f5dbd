"use client";

import * as React from "react";
import { pageFrom, useUrlState, type UrlPatch } from "../use-url-state";
import type { SortDirection } from "./sortable-head";

/** The sort of a list: what the table headers show and change. */
export type ListSort<S extends string> = {
  sort: S;
  direction: SortDirection;
  onSort: (column: S, direction: SortDirection) => void;
  /** The direction a column sorts in first (dates newest first). */
  defaultDirection: (column: S) => SortDirection;
};

/**
 * A list's state in the URL (`?q=…&status=…&sort=…&dir=…&page=…`), so a reload, the back
 * button or a shared link shows the same list. `filterKeys` are the parameters that narrow the
 * list (search included, e.g. `["q", "status"]`): they make `filtered` true and are what
 * `clearFilters()` removes. Every filter or sort change goes back to page 1.
 */
export function useListUrl(filterKeys: readonly string[] = ["q"]) {
  const url = useUrlState();
  const { set } = url;
  const keys = filterKeys.join(",");
  // Stable callbacks (url.set is), so they can be handed to debounced inputs and effects.
  const actions = React.useMemo(() => {
    const setFilter = (patch: UrlPatch) => set({ ...patch, page: undefined });
    return {
      /** Sets filters ("" or undefined removes one) and goes back to page 1. */
      setFilter,
      setSearch: (q: string) => setFilter({ q: q.trim() || undefined }),
      setPage: (page: number) => set({ page: page === 1 ? undefined : page }),
      clearFilters: () => setFilter(Object.fromEntries(keys.split(",").map((key) => [key, undefined]))),
    };
  }, [set, keys]);
  return {
    /** 1-based page number. */
    page: pageFrom(url.get("page")),
    /** The committed search text (`?q=`), "" when none. */
    search: url.get("q") ?? "",
    get: url.get,
    /** The parameter when it is one of `allowed`, else undefined (a hand-edited URL is ignored). */
    oneOf: <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
      const value = url.get(key);
      return allowed.includes(value as T) ? (value as T) : undefined;
    },
    /** Some filter is set: the empty state should say "nothing matches", not "nothing yet". */
    filtered: filterKeys.some((key) => !!url.get(key)),
    ...actions,
    /**
     * The sort from `?sort=&dir=`: one of `sorts`, else `fallback`; `descending` lists the
     * columns that sort newest/largest first. Defaults are left out of the URL.
     */
    sorting: <S extends string>(
      sorts: readonly S[],
      { fallback, descending = [] }: { fallback: S; descending?: readonly S[] },
    ): ListSort<S> => {
      const defaultDirection = (column: S): SortDirection => (descending.includes(column) ? "desc" : "asc");
      const sortParam = url.get("sort");
      const sort = sorts.includes(sortParam as S) ? (sortParam as S) : fallback;
      const dirParam = url.get("dir");
      const direction: SortDirection = dirParam === "asc" || dirParam === "desc" ? dirParam : defaultDirection(sort);
      return {
        sort,
        direction,
        defaultDirection,
        onSort: (column, dir) =>
          actions.setFilter({
            sort: column === fallback ? undefined : column,
            dir: dir === defaultDirection(column) ? undefined : dir,
          }),
      };
    },
    /** The raw URL state, for anything the helpers above do not cover. */
    url,
  };
}

export type ListUrl = ReturnType<typeof useListUrl>;
