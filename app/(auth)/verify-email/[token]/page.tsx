import type { Metadata } from "next";
import { VerifyEmailCard } from "@/components/auth/verify-email-card";

export const metadata: Metadata = { title: "Confirm your e-mail" };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <VerifyEmailCard token={token} />;
}
