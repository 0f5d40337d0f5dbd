import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/billing/invoices", label: "Invoices" },
  { href: "/billing/payments", label: "Payments" },
  { href: "/billing/transfer-proofs", label: "Proofs of transfer" },
  { href: "/billing/bank-import", label: "Bank statement" },
  { href: "/billing/runs", label: "Runs" },
  { href: "/billing/dunning", label: "Dunning" },
  { href: "/billing/top-ups", label: "Data top-ups" },
  { href: "/billing/recharge-vouchers", label: "Recharge vouchers" },
  { href: "/billing/payment-methods", label: "Payment methods" },
  { href: "/billing/settings", label: "Settings" },
] as const;

/** Billing's sections, one tab each; payments include the bank transfers to check and import. */
export function BillingTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Billing" className="mb-4 flex gap-1 overflow-x-auto border-b">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={t.href === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm whitespace-nowrap",
            t.href === current
              ? "border-primary font-medium text-foreground"
              : "border-transparent text-muted-foreground hover:text-foreground",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
