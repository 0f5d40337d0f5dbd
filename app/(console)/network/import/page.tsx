import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { IpamImportView } from "@/components/console/ipam/import-view";
import { requireStaff } from "@/server/auth/guards";
import { IMPORT_KINDS } from "@/server/modules/ipam/import.schema";

export const metadata: Metadata = { title: "Import prefixes, addresses or VLANs" };

export default async function Page({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const { allowed } = await requireStaff("network:manage");
  if (!allowed) return <NoAccess what="importing into IP address management" />;
  const { kind } = await searchParams;
  return <IpamImportView initialKind={IMPORT_KINDS.find((k) => k === kind) ?? "prefixes"} />;
}
