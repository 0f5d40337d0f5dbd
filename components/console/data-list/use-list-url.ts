"use client";

import * as React from "react";
import { useUrlState, type UrlPatch } from "../use-url-state";
import { defaultDirection, listParams, type SortOptions } from "./list-params";
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
 * `clearFilters()` removes. Every filter or sort change goes back to page 1. Reading the URL is
 * `listParams` (list-params.ts), which the server page uses too.
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
  const params = listParams(url.params);
  return {
    ...params,
    /** Some filter is set: the empty state should say "nothing matches", not "nothing yet". */
    filtered: filterKeys.some((key) => !!url.get(key)),
    ...actions,
    /**
     * The sort from `?sort=&dir=`: one of `sorts`, else `fallback`; `descending` lists the
     * columns that sort newest/largest first. Defaults are left out of the URL.
     */
    sorting: <S extends string>(sorts: readonly S[], options: SortOptions<S>): ListSort<S> => {
      const { sort, direction } = params.sortOf(sorts, options);
      return {
        sort,
        direction,
        defaultDirection: (column) => defaultDirection(options, column),
        onSort: (column, dir) =>
          actions.setFilter({
            sort: column === options.fallback ? undefined : column,
            dir: dir === defaultDirection(options, column) ? undefined : dir,
          }),
      };
    },
    /** The raw URL state, for anything the helpers above do not cover. */
    url,
  };
}

export type ListUrl = ReturnType<typeof useListUrl>;
