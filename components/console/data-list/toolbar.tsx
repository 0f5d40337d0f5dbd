"use client";

import * as React from "react";
import { SearchInput } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { cn } from "@/components/ui/cn";
import { useDebouncedInput } from "../use-url-state";

/**
 * The bar of search box and filters above a list. By default the fields sit in one row from
 * `sm` up, the search box taking the room that is left; pass `className` to lay them out
 * otherwise (e.g. `grid sm:grid-cols-[1fr_11rem_11rem]`).
 */
export function ListToolbar({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <div className={cn("border-b p-4", className ?? "flex flex-col gap-3 sm:flex-row sm:items-end")}>{children}</div>
  );
}

export type SearchBoxProps = {
  /** The input's id; its label points at it. */
  id: string;
  label: string;
  placeholder?: string;
  /** The committed search (usually `list.search`). Outside changes (Clear filters) show in the box. */
  value: string;
  /** Called with the text once the person pauses typing (usually `list.setSearch`). */
  onSearch: (text: string) => void;
  /** Pause before `onSearch`, in milliseconds. */
  delayMs?: number;
  /** Default `flex-1`: the box grows in a flex toolbar. */
  className?: string;
};

/** A labelled search box with a magnifier, committing after a pause in typing. */
export function SearchBox({ id, label, placeholder, value, onSearch, delayMs, className = "flex-1" }: SearchBoxProps) {
  // The latest onSearch without restarting the pause timer whenever the parent re-renders.
  const latest = React.useRef(onSearch);
  React.useEffect(() => {
    latest.current = onSearch;
  });
  const commit = React.useCallback((text: string) => latest.current(text), []);
  const [text, setText, flush] = useDebouncedInput(value, commit, delayMs);
  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      <SearchInput
        id={id}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={flush}
      />
    </div>
  );
}

export type FilterOption = { value: string; label: string };

export type FilterSelectProps = {
  id: string;
  label: string;
  /** The selected value; undefined selects the "all" option. */
  value: string | undefined;
  /** Called with the chosen value, or undefined for the "all" option. */
  onChange: (value: string | undefined) => void;
  /** The first option, meaning "no filter" (e.g. "All statuses"). Leave out when every option is a real value. */
  allLabel?: string;
  options: readonly FilterOption[];
  /** Width in a flex toolbar, e.g. `sm:w-52`. */
  className?: string;
};

/** A labelled drop-down that narrows a list. */
export function FilterSelect({ id, label, value, onChange, allLabel, options, className }: FilterSelectProps) {
  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** `{ value, label }` options from a list of codes and their labels. */
export function optionsFrom<T extends string>(values: readonly T[], labels: Record<T, string>): FilterOption[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
