import { Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/** The customer's receipt, sent when a payment is posted: what was received and where it went. */
export function PaymentReceiptEmail({
  companyName,
  customerName,
  accountNumber,
  receipt,
  amount,
  method,
  receivedOn,
  reference,
  allocations,
  credit,
}: {
  companyName: string;
  customerName: string;
  /** As the customer sees it everywhere, e.g. "ACC-000042". */
  accountNumber: string;
  receipt: string;
  amount: string;
  method: string;
  receivedOn: string;
  reference: string | null;
  allocations: { invoice: string; amount: string }[];
  credit: string | null;
}) {
  return (
    <EmailLayout
      preview={`Receipt ${receipt}: ${amount} received`}
      heading={`Receipt ${receipt}`}
      companyName={companyName}
    >
      <Text>Hello {customerName},</Text>
      <Text>
        Thank you: we received {amount} by {method} on {receivedOn} for account {accountNumber}.
        {reference ? ` Reference: ${reference}.` : ""}
      </Text>
      {allocations.length > 0 && (
        <Section>
          <Text style={{ fontWeight: 600, margin: "8px 0 4px" }}>Applied to</Text>
          {allocations.map((a) => (
            <Text key={a.invoice} style={{ margin: "2px 0" }}>
              Invoice {a.invoice}: {a.amount}
            </Text>
          ))}
        </Section>
      )}
      {credit && <Text>{credit} is kept as credit on your account and goes to your next invoice.</Text>}
      <Text style={{ color: "#71717a", fontSize: "12px" }}>Keep this e-mail as your receipt.</Text>
    </EmailLayout>
  );
}
