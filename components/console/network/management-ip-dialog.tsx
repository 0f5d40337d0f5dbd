"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { errorMessage, FormError } from "../errors";
import { PoolSelect } from "../ipam/pool-select";
import { VrfSelect } from "../ipam/vrf-select";

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
  const toast = useToast();
  const queryClient = useQueryClient();
  const [poolId, setPoolId] = React.useState("");
  const [typed, setTyped] = React.useState("");
  const [vrfId, setVrfId] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const assign = useMutation(
    trpc.devices.assignManagementIp.mutationOptions({
      onSuccess: async (ip) => {
        toast({ variant: "success", title: `${device?.name} is managed at ${ip.address.replace(/\/(32|128)$/, "")}` });
        await Promise.all([
          queryClient.invalidateQueries(trpc.devices.pathFilter()),
          queryClient.invalidateQueries(trpc.ipam.pathFilter()),
        ]);
        close();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const close = () => {
    setPoolId("");
    setTyped("");
    setVrfId("");
    setError(null);
    onClose();
  };
  return (
    <Dialog open={!!device} onOpenChange={(o) => (o ? undefined : close())}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Management IP: {device?.name}</DialogTitle>
          <DialogDescription>
            {device?.managementIp
              ? `Now ${device.managementIp}. A new address replaces it, and ${device.managementIp} goes back to its pool.`
              : "The address the NOC and the SNMP poller reach this device at, recorded in IPAM."}
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3">
          <FormError message={error} />
          <PoolSelect family={4} label="Management pool" value={poolId} onChange={setPoolId} />
          <Button
            size="sm"
            disabled={!poolId || assign.isPending}
            onClick={() => device && assign.mutate({ deviceId: device.id, prefixId: poolId })}
          >
            Allocate next free
          </Button>
          <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
            <FormField
              label="Or a specific address"
              description="Checked against IPAM: free, not a network or broadcast address."
            >
              <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="10.20.255.9" />
            </FormField>
            <FormField label="VRF">
              <VrfSelect enabled={!!device} value={vrfId} onChange={(e) => setVrfId(e.target.value)} />
            </FormField>
          </div>
          <Button
            size="sm"
            variant="outline"
            disabled={!typed.trim() || assign.isPending}
            onClick={() =>
              device && assign.mutate({ deviceId: device.id, address: typed.trim(), vrfId: vrfId || undefined })
            }
          >
            Assign this address
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
