"use client";

import { useTRPC } from "@/components/trpc/client";
import { SearchPicker } from "../search-picker";
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
  return (
    <SearchPicker
      id={id}
      label={label}
      placeholder="Name or serial"
      hint={hint}
      resultsLabel="Matching devices"
      emptyText={(search) => `No device matches “${search}”.`}
      query={(q) => trpc.devices.options.queryOptions({ q }, { select: (rows) => rows.slice(0, 8) })}
      toPicked={(d) => ({ id: d.id, name: d.name })}
      rowText={(d) => ({
        name: d.name,
        detail: `${d.deviceType.model} (${ROLE_LABELS[d.deviceType.role]})${d.serial ? ` · ${d.serial}` : ""}`,
      })}
      pickedText={(d) => ({ name: d.name })}
      picked={picked}
      onPick={onPick}
      error={error}
    />
  );
}
