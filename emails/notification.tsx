import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/** The e-mail copy of an in-app notification (SLA escalations, on-call alerts, ticket updates). */
export function NotificationEmail({
  companyName,
  recipientName,
  title,
  body,
  url,
}: {
  companyName: string;
  recipientName: string;
  title: string;
  body: string | null;
  url: string | null;
}) {
  return (
    <EmailLayout preview={title} heading={title} companyName={companyName}>
      <Text>Hello {recipientName},</Text>
      {body ? <Text style={{ whiteSpace: "pre-line" }}>{body}</Text> : null}
      {url ? (
        <Button
          href={url}
          style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
        >
          See the details
        </Button>
      ) : null}
      {url ? (
        <Text style={{ color: "#71717a", fontSize: "12px" }}>Or paste this address into your browser: {url}</Text>
      ) : null}
    </EmailLayout>
  );
}
