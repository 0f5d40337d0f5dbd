import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export function InvitationEmail({
  companyName,
  inviterName,
  roleLabel,
  url,
}: {
  companyName: string;
  inviterName: string;
  roleLabel: string;
  url: string;
}) {
  return (
    <EmailLayout
      preview={`Join ${companyName} on Lastmile`}
      heading={`You are invited to ${companyName}`}
      companyName={companyName}
    >
      <Text>
        {inviterName} invited you to join {companyName} as {roleLabel}. The link works for 7 days.
      </Text>
      <Button
        href={url}
        style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
      >
        Accept invitation
      </Button>
      <Text>Or open: {url}</Text>
    </EmailLayout>
  );
}
