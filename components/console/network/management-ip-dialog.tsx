"use client";

import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { assignManagementIpSchema } from "@/server/modules/devices/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { PoolSelect } from "../ipam/pool-select";
import { VrfSelect } from "../ipam/vrf-select";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type Values = { prefixId: string; address: string; vrfId: string };
type Assignment = z.output<typeof assignManagementIpSchema>;

/** A typed address is assigned as it is (in its VRF); without one, the pool's next free address. */
const assignmentOf =
  (deviceId: string): FormCheck<Values, Assignment> =>
  (values) => {
    const address = values.address.trim();
    if (!address && !values.prefixId) return { errors: { prefixId: "Choose a pool, or type an address." } };
    const parsed = assignManagementIpSchema.safeParse(
      address ? { deviceId, address, vrfId: values.vrfId } : { deviceId, prefixId: values.prefixId },
    );
    return parsed.success ? { input: parsed.data } : { errors: fieldMessages(values, parsed.error.issues) };
  };

/**
 * A device's management IP from IPAM: the next free address of a pool, or one typed in. The
 * address it had before goes back to its pool.
 */
export function ManagementIpDialog({
  device,
  onClose,
}: {
  /** The device; null: closed. */
  device: { id: string; name: string; managementIp: string | null } | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const assign = useMutation(trpc.devices.assignManagementIp.mutationOptions());
  const form = useDialogForm<Values, Assignment>(device, () => ({ prefixId: "", address: "", vrfId: "" }), {
    resolver: checkResolver(assignmentOf(device?.id ?? "")),
  });
  const { errors } = form.formState;
  const typed = form.watch("address").trim() !== "";
  const onSubmit = useSaveSubmit(form, {
    save: (input) => assign.mutateAsync(input),
    refresh: [trpc.devices.pathFilter(), trpc.ipam.pathFilter()],
    saved: (_, ip) => `${device?.name} is managed at ${ip.address.replace(/\/(32|128)$/, "")}`,
    done: onClose,
  });
  return (
    <FormDialog
      open={!!device}
      onOpenChange={(o) => (o ? null : onClose())}
      className="sm:max-w-lg"
      title={`Management IP: ${device?.name}`}
      description={
        device?.managementIp
          ? `Now ${device.managementIp}. A new address replaces it, and ${device.managementIp} goes back to its pool.`
          : "The address the NOC and the SNMP poller reach this device at, recorded in IPAM."
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={assign.isPending}
      submitLabel={typed ? "Assign this address" : "Allocate next free"}
    >
      <PoolSelect
        family={4}
        label="Management pool"
        value={form.watch("prefixId")}
        onChange={(v) => form.setValue("prefixId", v)}
        error={errors.prefixId?.message}
      />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <FormField
          label="Or a specific address"
          error={errors.address?.message}
          description="Checked against IPAM: free, not a network or broadcast address. Leave it empty for the pool's next free one."
        >
          <Input autoComplete="off" placeholder="10.20.255.9" {...form.register("address")} />
        </FormField>
        <FormField label="VRF" error={errors.vrfId?.message}>
          <VrfSelect enabled={!!device} {...form.register("vrfId")} />
        </FormField>
      </div>
    </FormDialog>
  );
}
