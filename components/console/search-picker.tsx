"use client";

import * as React from "react";
import { type QueryKey, type UseQueryOptions, useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { SearchInput } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDebouncedInput } from "./use-url-state";

/** How a found row or the chosen item reads: its name, then what tells it apart from namesakes. */
export type PickerText = { name: string; detail?: string };

export type SearchPickerProps<TRow, TPicked, TQueryFnData, TError, TQueryKey extends QueryKey> = {
  id: string;
  label: string;
  placeholder: string;
  /** Shown under the box until the person has typed enough to search. */
  hint: string;
  /** The accessible name of the list of results, e.g. "Matching customers". */
  resultsLabel: string;
  /** What the list says when nothing matches what was typed. */
  emptyText: (search: string) => string;
  /** The tRPC query that finds rows for what was typed; its `select` gives the rows to list. */
  query: (search: string) => UseQueryOptions<TQueryFnData, TError, TRow[], TQueryKey>;
  /** Fewer characters than this do not search (a single letter of a name matches half the book). */
  minLength?: number;
  /** What the form keeps of a row once it is chosen. */
  toPicked: (row: TRow) => TPicked;
  rowText: (row: TRow) => PickerText;
  pickedText: (picked: TPicked) => PickerText;
  picked: TPicked | null;
  onPick: (picked: TPicked | null) => void;
  error?: string;
};

/**
 * Search-as-you-type over a query, pick one row, or clear the choice: the form keeps the chosen
 * item (its id is what is sent); nothing is typed free. Customers, devices and whatever comes
 * next are found the same way.
 */
export function SearchPicker<TRow extends { id: string }, TPicked, TQueryFnData, TError, TQueryKey extends QueryKey>({
  id,
  label,
  placeholder,
  hint,
  resultsLabel,
  emptyText,
  query,
  minLength = 1,
  toPicked,
  rowText,
  pickedText,
  picked,
  onPick,
  error,
}: SearchPickerProps<TRow, TPicked, TQueryFnData, TError, TQueryKey>) {
  const [search, setSearch] = React.useState("");
  const [text, setText] = useDebouncedInput(search, setSearch, 250);
  const searching = search.length >= minLength;
  const results = useQuery({ ...query(search), enabled: !picked && searching });
  const alert = error ? (
    <p role="alert" className="text-sm font-medium text-destructive">
      {error}
    </p>
  ) : null;
  if (picked) {
    const shown = pickedText(picked);
    return (
      <div className="grid gap-2">
        <Label>{label}</Label>
        <div className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
          <ItemText {...shown} />
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label={`Change the ${label.toLowerCase()} (${shown.name})`}
            onClick={() => {
              setText("");
              setSearch("");
              onPick(null);
            }}
          >
            <X aria-hidden />
            Change
          </Button>
        </div>
        {alert}
      </div>
    );
  }
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <SearchInput
        id={id}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
      />
      {searching ? (
        <ul className="grid gap-1" aria-label={resultsLabel}>
          {results.isFetching && !results.data ? <li className="text-sm text-muted-foreground">Searching…</li> : null}
          {results.data?.map((row) => (
            <li key={row.id}>
              <button
                type="button"
                className="w-full rounded-md border px-3 py-2 text-left text-sm hover:bg-accent"
                onClick={() => onPick(toPicked(row))}
              >
                <ItemText {...rowText(row)} />
              </button>
            </li>
          ))}
          {results.data && results.data.length === 0 ? (
            <li className="text-sm text-muted-foreground">{emptyText(search)}</li>
          ) : null}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{hint}</p>
      )}
      {alert}
    </div>
  );
}

function ItemText({ name, detail }: PickerText) {
  if (!detail) return <span className="font-medium">{name}</span>;
  return (
    <span>
      <span className="font-medium">{name}</span> <span className="text-muted-foreground">· {detail}</span>
    </span>
  );
}
