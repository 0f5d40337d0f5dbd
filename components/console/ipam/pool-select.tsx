"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";

/** The company's address pools of one family, for allocating the next free address (network:read). */
export function PoolSelect({
  family,
  value,
  onChange,
  label,
  error,
}: {
  family: 4 | 6;
  value: string;
  onChange: (v: string) => void;
  label: string;
  error?: string;
}) {
  const trpc = useTRPC();
  const pools = useQuery(trpc.ipam.prefixes.pools.queryOptions({ family }));
  return (
    <FormField
      label={label}
      error={error}
      description={
        pools.data && pools.data.length === 0
          ? `No IPv${family} pool yet: mark a prefix as a pool under Network → IPAM.`
          : undefined
      }
    >
      <NativeSelect value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{pools.isLoading ? "Loading pools…" : "Choose a pool"}</option>
        {pools.data?.map((p) => (
          <option key={p.id} value={p.id}>
            {p.prefix}
            {p.vrfName ? ` (VRF ${p.vrfName})` : ""}
            {p.description ? ` · ${p.description}` : ""}
          </option>
        ))}
      </NativeSelect>
    </FormField>
  );
}
