"use client";

import Link from "next/link";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import {
  BLOCKED_ACCESS,
  BLOCKED_ACCESS_LABELS,
  CAP_ACTIONS,
  CAP_ACTION_LABELS,
} from "@/server/modules/bandwidth/schema";
import type { RouterOutputs } from "../types";
import { formatSpeed } from "./format";
import type { PackageForm } from "./package-form";

type Choice = RouterOutputs["bandwidth"]["policies"]["choices"][number];

/** The package's network behaviour: its bandwidth policy, what happens at the cap, and when suspended. */
export function NetworkFields({ form, policies }: { form: PackageForm; policies: Choice[] | undefined }) {
  const { errors } = form.formState;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold">Network</legend>
      <FormField
        label="Bandwidth policy"
        error={errors.bandwidthPolicyId?.message}
        description={
          <>
            Its speeds, burst, priority and fair-use speeds replace the ones above.{" "}
            <Link className="underline" href="/packages/bandwidth-policies">
              Manage policies
            </Link>
          </>
        }
      >
        <NativeSelect disabled={!policies} {...form.register("bandwidthPolicyId")}>
          <option value="">{policies ? "None: this package's own speeds" : "Loading policies…"}</option>
          {(policies ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({formatSpeed(p.downloadKbps, p.uploadKbps)})
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField
        label="When the data cap is used up"
        error={errors.onCap?.message}
        description="Counted per billing cycle across all sessions."
      >
        <NativeSelect {...form.register("onCap")}>
          <option value="">Slow down if there are fair-use speeds, else cut off</option>
          {CAP_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {CAP_ACTION_LABELS[a]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField
        label="Suspended subscribers"
        error={errors.suspendedAccess?.message}
        description="Walled garden: they can reach only the portal to pay."
      >
        <NativeSelect {...form.register("suspendedAccess")}>
          <option value="">The company&apos;s setting</option>
          {BLOCKED_ACCESS.map((a) => (
            <option key={a} value={a}>
              {BLOCKED_ACCESS_LABELS[a]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </fieldset>
  );
}
