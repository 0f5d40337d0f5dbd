import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { BankImportView } from "@/components/console/billing/bank-import-view";

export const metadata: Metadata = { title: "Import a bank statement" };

export default async function BankImportPage() {
  const { allowed } = await requireStaff("billing:manage");
  if (!allowed) return <NoAccess what="importing bank statements" />;
  return <BankImportView />;
}
