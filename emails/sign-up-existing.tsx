import { Link, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

// Sent instead of a confirmation link when someone signs up with an address the company already
// knows: the page that took the sign-up said the same as for a new address.
export function SignUpExistingEmail({
  companyName,
  loginUrl,
  resetUrl,
}: {
  companyName: string;
  loginUrl: string;
  resetUrl: string;
}) {
  return (
    <EmailLayout
      preview={`Your ${companyName} account`}
      heading="You already have an account"
      companyName={companyName}
    >
      <Text>
        Someone, probably you, tried to sign up for the {companyName} customer portal with this address, which{" "}
        {companyName} already has on file. No new account was made.
      </Text>
      <Text>
        If you use the portal already, <Link href={loginUrl}>sign in</Link> or{" "}
        <Link href={resetUrl}>choose a new password</Link>. If you have never used it, ask {companyName} to invite you.
        If it was not you, ignore this e-mail.
      </Text>
    </EmailLayout>
  );
}
