"use client";

import Link from "next/link";
import { loginAction } from "@/app/(auth)/login/actions";
import { TwoStepSignInForm } from "./two-step-sign-in-form";

export function LoginForm({ companyName, next, notice }: { companyName: string; next?: string; notice?: string }) {
  return (
    <TwoStepSignInForm
      action={loginAction}
      initialState={{ step: "password" }}
      destination={(state) => state.next}
      title={(secondStep) => (secondStep ? "Two-factor authentication" : "Sign in")}
      intro={`Staff console and customer portal of ${companyName}.`}
      recoveryHint="Enter one of your recovery codes."
      notice={notice}
      hiddenFields={{ next: next ?? "" }}
      firstStepFooter={
        <Link href="/forgot-password" className="text-primary hover:underline">
          Forgot password?
        </Link>
      }
    />
  );
}
