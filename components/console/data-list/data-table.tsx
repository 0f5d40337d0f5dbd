"use client";

import * as React from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { SortableHead } from "./sortable-head";
import type { ListSort } from "./use-list-url";

/** One column of a DataTable. */
export type Column<Row, S extends string = never> = {
  /** Header text, and the column's key. */
  label: string;
  /** Keep the label for screen readers only (action and toggle columns). */
  hideLabel?: boolean;
  /** The server-side sort key this header sorts by; the header becomes a sort button. */
  sort?: S;
  /** Classes on the header and on every cell: width, alignment, `hidden md:table-cell`. */
  className?: string;
  /** Further classes on the cells only (text colour, wrapping), or per row. */
  cellClassName?: string | ((row: Row) => string | false | null | undefined);
  cell: (row: Row) => React.ReactNode;
};

/** Columns; `false`, `null` and `undefined` are skipped, so `canManage && { … }` works. */
export type Columns<Row, S extends string = never> = readonly (Column<Row, S> | false | null | undefined)[];

export type DataTableProps<Row, S extends string = never> = {
  rows: readonly Row[];
  columns: Columns<Row, S>;
  rowKey: (row: Row) => string;
  /** The list's sort (from `list.sorting(…)`); needed when a column has `sort`. */
  sort?: ListSort<S>;
  /** Extra props for a row's <tr>: a click handler, a class (e.g. muted when archived). */
  rowProps?: (row: Row) => React.ComponentProps<"tr">;
  /** Content of a full-width row under the row (an expanded detail), or null for none. Its id is `detailRowId(key)`. */
  rowDetail?: (row: Row) => React.ReactNode;
};

/** The id of a row's detail row, for `aria-controls` on the button that opens it. */
export const detailRowId = (key: string) => `row-detail-${key}`;

/**
 * A table driven by column definitions: the first column gets the left padding and the last
 * the right padding of the card, sortable headers show and change `sort`.
 */
export function DataTable<Row, S extends string = never>({
  rows,
  columns,
  rowKey,
  sort,
  rowProps,
  rowDetail,
}: DataTableProps<Row, S>) {
  const cols = columns.filter((c): c is Column<Row, S> => !!c);
  const edge = (i: number) => cn(i === 0 && "pl-4", i === cols.length - 1 && "pr-4");
  return (
    <Table>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {cols.map((c, i) => {
            const className = cn(c.className, edge(i));
            if (c.sort && sort) {
              return (
                <SortableHead
                  key={c.label}
                  column={c.sort}
                  label={c.label}
                  sort={sort.sort}
                  direction={sort.direction}
                  onSort={sort.onSort}
                  defaultDirection={sort.defaultDirection(c.sort)}
                  className={className}
                />
              );
            }
            return (
              <TableHead key={c.label} className={className}>
                {c.hideLabel ? <span className="sr-only">{c.label}</span> : c.label}
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const key = rowKey(row);
          const { className, ...props } = rowProps?.(row) ?? {};
          const detail = rowDetail?.(row);
          return (
            <React.Fragment key={key}>
              <TableRow className={className} {...props}>
                {cols.map((c, i) => (
                  <TableCell
                    key={c.label}
                    className={cn(
                      c.className,
                      typeof c.cellClassName === "function" ? c.cellClassName(row) : c.cellClassName,
                      edge(i),
                    )}
                  >
                    {c.cell(row)}
                  </TableCell>
                ))}
              </TableRow>
              {detail != null && detail !== false ? (
                <TableRow id={detailRowId(key)} className="bg-muted/40 hover:bg-muted/40">
                  <TableCell colSpan={cols.length} className="px-4 pt-0 pb-4">
                    {detail}
                  </TableCell>
                </TableRow>
              ) : null}
            </React.Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
