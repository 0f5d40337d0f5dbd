import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/**
 * A staff member's public reply on a customer's ticket, for customers reached by e-mail; with
 * `intro`, the note that staff opened a ticket for them.
 */
export function TicketReplyEmail({
  companyName,
  customerName,
  ticketLabel,
  subject,
  authorName,
  body,
  url,
  intro,
}: {
  companyName: string;
  customerName: string;
  ticketLabel: string;
  subject: string;
  authorName: string;
  body: string;
  url: string | null;
  intro?: string;
}) {
  return (
    <EmailLayout
      preview={intro ?? `${authorName} replied on ticket ${ticketLabel}`}
      heading={`Ticket ${ticketLabel}: ${subject}`}
      companyName={companyName}
    >
      <Text>Hello {customerName},</Text>
      <Text>{intro ?? `${authorName} replied:`}</Text>
      <Text style={{ whiteSpace: "pre-line", borderLeft: "3px solid #e4e4e7", paddingLeft: "12px" }}>{body}</Text>
      {url ? (
        <Button
          href={url}
          style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
        >
          View the ticket
        </Button>
      ) : (
        <Text>
          To answer, reply through your usual contact with {companyName} and mention ticket {ticketLabel}.
        </Text>
      )}
    </EmailLayout>
  );
}
