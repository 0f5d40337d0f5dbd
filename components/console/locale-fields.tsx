"use client";

import * as React from "react";
import type { Option } from "./locale-options";

/** Suggestions for a text box (`list` attribute): typing "Nai" offers "Africa/Nairobi". */
export function OptionsList({ id, options }: { id: string; options: Option[] }) {
  return (
    <datalist id={id}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </datalist>
  );
}

/** The name behind a code the person typed ("KE" → "Kenya"), or null when unknown. */
export function useOptionLabel(options: Option[], value: string | undefined): string | null {
  return React.useMemo(() => {
    const v = (value ?? "").trim().toUpperCase();
    if (!v) return null;
    const hit = options.find((o) => o.value.toUpperCase() === v);
    return hit && hit.label !== hit.value ? hit.label : null;
  }, [options, value]);
}
