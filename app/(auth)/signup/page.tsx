import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { currentCompany } from "@/server/auth/viewer";

export const metadata: Metadata = { title: "Sign up for internet service" };

export default async function SignupPage() {
  const company = await currentCompany();
  if (!company) redirect("/");
  return <SignupForm companyName={company.name} currency={company.currency} />;
}
