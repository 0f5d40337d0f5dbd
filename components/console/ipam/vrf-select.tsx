"use client";

import type * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { NativeSelect } from "@/components/ui/select";
import { FilterSelect } from "../data-list";

// The company's VRFs, as a list filter and as a form's select. "Global table" is the routing
// table outside every VRF: "global" in a list's filter, an empty vrfId in a form.

/** A list's VRF filter: all VRFs, the global table, or one VRF. */
export function VrfFilter({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const vrfs = useQuery(trpc.ipam.vrfs.list.queryOptions());
  return (
    <FilterSelect
      id={id}
      label="VRF"
      allLabel="All VRFs"
      value={value}
      onChange={onChange}
      options={[
        { value: "global", label: "Global table" },
        ...(vrfs.data ?? []).map((v) => ({ value: v.id, label: v.name })),
      ]}
      className="sm:w-44"
    />
  );
}

/** A form's VRF select (spread `form.register("vrfId")` on it); loads the VRFs once `enabled` (the dialog is open). */
export function VrfSelect({ enabled = true, ...props }: React.ComponentProps<"select"> & { enabled?: boolean }) {
  const trpc = useTRPC();
  const vrfs = useQuery(trpc.ipam.vrfs.list.queryOptions(undefined, { enabled }));
  return (
    <NativeSelect {...props}>
      <option value="">Global table</option>
      {vrfs.data?.map((v) => (
        <option key={v.id} value={v.id}>
          {v.name}
        </option>
      ))}
    </NativeSelect>
  );
}
