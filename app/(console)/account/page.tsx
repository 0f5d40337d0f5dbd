import type { Metadata } from "next";
import { PasswordCard } from "@/components/console/account/password-card";
import { ProfileCard } from "@/components/console/account/profile-card";
import { SessionsCard } from "@/components/console/account/sessions-card";
import { TwoFactorCard } from "@/components/console/account/two-factor-card";
import { requireStaff } from "@/server/auth/guards";
import { PageHeader } from "@/components/layout/page-header";
import { ROLE_LABELS } from "@/server/auth/permissions";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const { company, viewer } = await requireStaff();
  return (
    <>
      <PageHeader
        title="My account"
        description="Your profile, password, two-factor authentication and signed-in devices."
      />
      <div className="grid gap-6">
        <ProfileCard name={viewer.name} email={viewer.email} roleLabel={ROLE_LABELS[viewer.role]} />
        <PasswordCard />
        <TwoFactorCard />
        <SessionsCard timeZone={company.timeZone} />
      </div>
    </>
  );
}
