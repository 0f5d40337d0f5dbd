import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSetup } from "@/components/auth/two-factor-setup";
import { currentViewer } from "@/server/auth/viewer";

export const metadata: Metadata = { title: "Set up two-factor authentication" };

export default async function TwoFactorSetupPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/login?next=/two-factor/setup");
  return <TwoFactorSetup required={viewer.mustEnrolTwoFactor} home={viewer.role === "CUSTOMER" ? "/portal" : "/"} />;
}
