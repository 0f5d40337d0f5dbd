// Shared pieces of the console's list pages. How to use them: README.md beside this file.
export { DataList, ListBody, ListFooter, ListSkeleton } from "./data-list";
export type {
  DataListProps,
  ListBodyProps,
  ListEmpty,
  ListFooterProps,
  ListNoMatch,
  ListQueryState,
  ListSkeletonProps,
} from "./data-list";
export { DataTable, detailRowId } from "./data-table";
export type { Column, Columns, DataTableProps } from "./data-table";
export { countText } from "./paging";
export type { ListPage, Noun } from "./paging";
export { SortableHead } from "./sortable-head";
export type { SortDirection } from "./sortable-head";
export { FilterSelect, ListToolbar, optionsFrom, SearchBox } from "./toolbar";
export type { FilterOption, FilterSelectProps, SearchBoxProps } from "./toolbar";
export { useListUrl } from "./use-list-url";
export type { ListSort, ListUrl } from "./use-list-url";
