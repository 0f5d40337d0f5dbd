import { Button, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/** "Your invoice": sent with the invoice's PDF attached when it is issued, or again on request. */
export function InvoiceIssuedEmail({
  companyName,
  customerName,
  invoiceNumber,
  total,
  balanceDue,
  dueDate,
  accountNumber,
  paybill,
  portalUrl,
}: {
  companyName: string;
  customerName: string;
  invoiceNumber: string;
  total: string;
  balanceDue: string;
  dueDate: string;
  /** As the customer sees it everywhere, e.g. "ACC-000042". */
  accountNumber: string;
  paybill: string | null;
  portalUrl: string;
}) {
  return (
    <EmailLayout
      preview={`Invoice ${invoiceNumber}: ${balanceDue} due on ${dueDate}`}
      heading={`Your invoice ${invoiceNumber}`}
      companyName={companyName}
    >
      <Text>Hello {customerName},</Text>
      <Text>
        Your invoice {invoiceNumber} from {companyName} is attached as a PDF. It shows each charge and how it was worked
        out.
      </Text>
      <Section style={{ backgroundColor: "#f4f4f5", borderRadius: "6px", padding: "8px 16px" }}>
        <Text style={{ margin: "4px 0" }}>Invoice total: {total}</Text>
        <Text style={{ margin: "4px 0", fontWeight: 600 }}>Balance due: {balanceDue}</Text>
        <Text style={{ margin: "4px 0" }}>Due date: {dueDate}</Text>
        <Text style={{ margin: "4px 0" }}>Account number: {accountNumber}</Text>
      </Section>
      {paybill ? (
        <Text>
          Pay with M-Pesa: Pay Bill, business number {paybill}, account number {accountNumber}.
        </Text>
      ) : null}
      <Button
        href={portalUrl}
        style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
      >
        View and pay in the portal
      </Button>
      <Text style={{ color: "#71717a", fontSize: "12px" }}>Or paste this address into your browser: {portalUrl}</Text>
    </EmailLayout>
  );
}
