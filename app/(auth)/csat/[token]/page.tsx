import type { Metadata } from "next";
import { CsatSurvey } from "@/components/portal/support/csat-survey";

export const metadata: Metadata = { title: "Rate our service" };

// The satisfaction survey e-mailed when a ticket is resolved: no sign-in, the link is the key.
export default async function CsatPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ rating?: string }>;
}) {
  const [{ token }, { rating }] = await Promise.all([params, searchParams]);
  const preset = Number(rating);
  return <CsatSurvey token={token} preset={Number.isInteger(preset) && preset >= 1 && preset <= 5 ? preset : null} />;
}
