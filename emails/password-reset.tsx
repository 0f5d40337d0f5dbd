import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export function PasswordResetEmail({ companyName, url }: { companyName: string; url: string }) {
  return (
    <EmailLayout preview="Reset your password" heading="Reset your password" companyName={companyName}>
      <Text>
        Someone asked to reset the password of your {companyName} account. The link works for one hour and only once. If
        it was not you, ignore this e-mail.
      </Text>
      <Button
        href={url}
        style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
      >
        Choose a new password
      </Button>
      <Text>Or open: {url}</Text>
    </EmailLayout>
  );
}
