import type { Metadata } from "next";
import { PasswordCard } from "@/components/console/account/password-card";
import { ProfileCard } from "@/components/console/account/profile-card";
import { SessionsCard } from "@/components/console/account/sessions-card";
import { TwoFactorCard } from "@/components/console/account/two-factor-card";
import { ContactDetailsCard } from "@/components/portal/contact-form";
import { MyDataCard } from "@/components/portal/my-data-card";
import { requireCustomer } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Account settings" };

export default async function PortalAccountPage() {
  const { company, viewer } = await requireCustomer();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Account settings</h1>
        <p className="text-sm text-muted-foreground">Keep your {company.name} account secure.</p>
      </div>
      <ProfileCard name={viewer.name} email={viewer.email} />
      <ContactDetailsCard />
      <MyDataCard companyName={company.name} />
      <PasswordCard />
      <SessionsCard timeZone={company.timeZone} />
      <TwoFactorCard />
    </div>
  );
}
