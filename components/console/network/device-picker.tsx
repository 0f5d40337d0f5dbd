"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { Search, X } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDebouncedInput } from "../use-url-state";
import { ROLE_LABELS } from "./status";

export type PickedDevice = { id: string; name: string };

/**
 * Finds one of the company's devices by name or serial (devices.options: what the person may
 * see), for a ticket or a job to point at. The form keeps the chosen id; nothing is typed free.
 */
export function DevicePicker({
  picked,
  onPick,
  error,
  id,
  label = "Device",
  hint = "Optional: type part of the device's name or serial.",
}: {
  picked: PickedDevice | null;
  onPick: (d: PickedDevice | null) => void;
  error?: string;
  id: string;
  label?: string;
  hint?: string;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = React.useState("");
  const [text, setText] = useDebouncedInput(search, setSearch, 250);
  const results = useQuery({
    ...trpc.devices.options.queryOptions({ q: search }),
    enabled: !picked && search.length >= 1,
  });
  const alert = error ? (
    <p role="alert" className="text-sm font-medium text-destructive">
      {error}
    </p>
  ) : null;
  if (picked) {
    return (
      <div className="grid gap-2">
        <Label>{label}</Label>
        <div className="flex items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm">
          <span className="font-medium">{picked.name}</span>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label={`Change the device (${picked.name})`}
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
      <div className="relative">
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <Input
          id={id}
          type="search"
          className="pl-9"
          placeholder="Name or serial"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
        />
      </div>
      {search.length >= 1 ? (
        <ul className="grid gap-1" aria-label="Matching devices">
          {results.isFetching && !results.data ? <li className="text-sm text-muted-foreground">Searching…</li> : null}
          {results.data?.slice(0, 8).map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className="w-full rounded-md border px-3 py-2 text-left text-sm hover:bg-accent"
                onClick={() => onPick({ id: d.id, name: d.name })}
              >
                <span className="font-medium">{d.name}</span>{" "}
                <span className="text-muted-foreground">
                  · {d.deviceType.model} ({ROLE_LABELS[d.deviceType.role]}){d.serial ? ` · ${d.serial}` : ""}
                </span>
              </button>
            </li>
          ))}
          {results.data && results.data.length === 0 ? (
            <li className="text-sm text-muted-foreground">No device matches “{search}”.</li>
          ) : null}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">{hint}</p>
      )}
      {alert}
    </div>
  );
}
