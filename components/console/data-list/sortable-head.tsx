"use client";

import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { TableHead } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";

export type SortDirection = "asc" | "desc";

export function SortableHead<K extends string>({
  column,
  label,
  sort,
  direction,
  onSort,
  defaultDirection = "asc",
  className,
}: {
  column: K;
  label: string;
  sort: K;
  direction: SortDirection;
  onSort: (column: K, direction: SortDirection) => void;
  defaultDirection?: SortDirection;
  className?: string;
}) {
  const active = sort === column;
  const Icon = !active ? ChevronsUpDown : direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <button
        type="button"
        onClick={() => onSort(column, active ? (direction === "asc" ? "desc" : "asc") : defaultDirection)}
        className={cn(
          "-ml-2 inline-flex items-center gap-1 rounded-md px-2 py-1 hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          active && "text-foreground",
        )}
      >
        {label}
        <Icon aria-hidden className={cn("size-3.5", !active && "opacity-50")} />
        <span className="sr-only">
          {active ? `, sorted ${direction === "asc" ? "ascending" : "descending"}` : ", sort"}
        </span>
      </button>
    </TableHead>
  );
}
