"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

// List state (page, search, filters, sort) lives in the URL, so a reload, the back button or a
// shared link shows the same list.

export type UrlPatch = Record<string, string | number | null | undefined>;

export function useUrlState() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // Several changes can be made before the first one lands in the URL (a debounced search and
  // a filter click): each builds on the last one asked for, never on a stale snapshot.
  const latest = useRef(params.toString());
  const pending = useRef<string | null>(null);
  useEffect(() => {
    latest.current = params.toString();
    pending.current = null;
  }, [params]);

  const get = useCallback((key: string) => params.get(key) ?? undefined, [params]);
  const set = useCallback(
    (patch: UrlPatch) => {
      const next = new URLSearchParams(pending.current ?? latest.current);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || value === null || value === "") next.delete(key);
        else next.set(key, String(value));
      }
      const qs = next.toString();
      pending.current = qs;
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  return useMemo(() => ({ get, set, params }), [get, set, params]);
}

/**
 * A text box's value, pushed out after the person pauses typing, or at once when the box loses
 * focus: clicking a result right after typing must not be undone by a late search update that
 * lands after the click's navigation. Follows outside changes.
 */
export function useDebouncedInput(value: string, onCommit: (value: string) => void, delayMs = 300) {
  const [text, setText] = useState(value);
  const [last, setLast] = useState(value);
  // What we pushed out last and have not seen come back yet.
  const [committed, setCommitted] = useState<string | null>(null);
  if (value !== last) {
    setLast(value);
    // Our own commit coming back must not overwrite what was typed since; anything else wins.
    if (value !== committed) setText(value);
    setCommitted(null);
  }
  const commit = useCallback(
    (v: string) => {
      setCommitted(v);
      onCommit(v);
    },
    [onCommit],
  );
  useEffect(() => {
    // Nothing to push when the text is what the URL has, or was already pushed (on blur).
    if (text === value || text === committed) return;
    const t = window.setTimeout(() => commit(text), delayMs);
    return () => window.clearTimeout(t);
  }, [text, value, committed, commit, delayMs]);
  const flush = useCallback(() => {
    if (text !== value && text !== committed) commit(text);
  }, [text, value, committed, commit]);
  return [text, setText, flush] as const;
}
