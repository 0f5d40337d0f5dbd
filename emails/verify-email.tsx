import { Button, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export function VerifyEmail({ companyName, name, url }: { companyName: string; name: string; url: string }) {
  return (
    <EmailLayout
      preview={`Confirm your e-mail for ${companyName}`}
      heading="Confirm your e-mail address"
      companyName={companyName}
    >
      <Text>
        Hello {name}, thank you for signing up with {companyName}. Confirm this is your address to finish; the link
        works for 48 hours.
      </Text>
      <Button
        href={url}
        style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
      >
        Confirm my e-mail
      </Button>
      <Text>Or open: {url}</Text>
    </EmailLayout>
  );
}
