"use client";

import type * as React from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { slugify } from "@/server/modules/ipam/sites.schema";

// Fields the IPAM dialogs share (sites, VLAN groups, VLANs): a name that proposes the slug, and
// the site a thing belongs to.

/**
 * The Name field of something with a slug: typing the name proposes the slug (slugified) until
 * the user types a slug of their own (`slugTouched`).
 */
export function NameProposingSlug({
  field,
  error,
  slugTouched,
  proposeSlug,
}: {
  field: UseFormRegisterReturn;
  error: string | undefined;
  slugTouched: () => boolean;
  proposeSlug: (slug: string) => void;
}) {
  return (
    <FormField label="Name" required error={error}>
      <Input
        autoComplete="off"
        {...field}
        onChange={(e) => {
          void field.onChange(e);
          if (!slugTouched()) proposeSlug(slugify(e.target.value));
        }}
      />
    </FormField>
  );
}

/** The company's sites, "No site" first (spread `form.register("siteId")` on it); loaded once `enabled`. */
export function SiteSelect({ enabled = true, ...props }: React.ComponentProps<"select"> & { enabled?: boolean }) {
  const trpc = useTRPC();
  const sites = useQuery(trpc.ipam.sites.options.queryOptions(undefined, { enabled }));
  return (
    <NativeSelect {...props}>
      <option value="">No site</option>
      {sites.data?.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </NativeSelect>
  );
}
