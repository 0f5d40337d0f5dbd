import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentCompany, currentViewer } from "@/server/auth/viewer";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; reset?: string; joined?: string; welcome?: string }>;
}) {
  const [company, viewer, params] = await Promise.all([currentCompany(), currentViewer(), searchParams]);
  if (!company) redirect("/");
  if (viewer) redirect(viewer.role === "CUSTOMER" ? "/portal" : "/");
  const notice = params.reset
    ? "Your password was changed. Sign in with the new one."
    : params.joined
      ? "Your account is ready. Sign in to continue."
      : params.welcome
        ? "Your company is ready. Sign in with the e-mail address and password you just chose."
        : undefined;
  return <LoginForm companyName={company.name} next={params.next} notice={notice} />;
}
