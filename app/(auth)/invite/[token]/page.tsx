import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { currentCompany } from "@/server/auth/viewer";
import { peekInvitation } from "@/server/modules/users/service";

export const metadata: Metadata = { title: "Accept invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, company] = await Promise.all([params, currentCompany()]);
  if (!company) redirect("/");
  const invitation = await peekInvitation(company.id, token);
  if (!invitation) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>This invitation is no longer valid</CardTitle>
          <CardDescription>
            It may have expired, been used or been withdrawn. Ask your administrator for a new one, or{" "}
            <Link href="/login" className="text-primary hover:underline">
              sign in
            </Link>
            .
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  return (
    <SetPasswordForm
      mode="invite"
      token={token}
      email={invitation.email}
      name={invitation.name}
      intro={`${company.name} invited you as ${ROLE_LABELS[invitation.role]}. Choose your password to finish.`}
    />
  );
}
