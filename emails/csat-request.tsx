import { Button, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/** Sent when a ticket is resolved: one link per rating, each opening the single-use survey. */
export function CsatRequestEmail({
  companyName,
  customerName,
  ticketLabel,
  subject,
  url,
  expiresOn,
}: {
  companyName: string;
  customerName: string;
  ticketLabel: string;
  subject: string;
  url: string;
  expiresOn: string;
}) {
  return (
    <EmailLayout
      preview={`Ticket ${ticketLabel} is resolved: how did we do?`}
      heading={`Ticket ${ticketLabel} is resolved`}
      companyName={companyName}
    >
      <Text>Hello {customerName},</Text>
      <Text>
        We have resolved your ticket &ldquo;{subject}&rdquo;. How satisfied are you with the help you got? It takes a
        few seconds.
      </Text>
      <Section>
        {[5, 4, 3, 2, 1].map((n) => (
          <Text key={n} style={{ margin: "4px 0" }}>
            <a href={`${url}?rating=${n}`}>
              {"★".repeat(n)}
              {"☆".repeat(5 - n)}
            </a>
          </Text>
        ))}
      </Section>
      <Button
        href={url}
        style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
      >
        Rate the service
      </Button>
      <Text style={{ color: "#71717a", fontSize: "12px" }}>
        The link works once, until {expiresOn}. If the problem is not solved, reply in the portal and the ticket
        reopens.
      </Text>
    </EmailLayout>
  );
}
