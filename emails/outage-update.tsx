import { Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/** A status update on an outage, sent to each customer it affects (opened, progress, resolved). */
export function OutageUpdateEmail({
  companyName,
  customerName,
  outageLabel,
  title,
  message,
  resolved,
}: {
  companyName: string;
  customerName: string;
  outageLabel: string;
  title: string;
  message: string;
  resolved: boolean;
}) {
  const heading = resolved ? `Service restored: ${title}` : `Service interruption: ${title}`;
  return (
    <EmailLayout preview={message} heading={heading} companyName={companyName}>
      <Text>Hello {customerName},</Text>
      <Text style={{ whiteSpace: "pre-line" }}>{message}</Text>
      <Text style={{ color: "#71717a", fontSize: "12px" }}>
        Reference {outageLabel}. There is no need to open a ticket about it: we are working on it and will keep you
        posted.
      </Text>
    </EmailLayout>
  );
}
