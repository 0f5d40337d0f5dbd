"use client";

import { operatorLoginAction } from "@/app/(platform)/platform/operator/actions";
import { TwoStepSignInForm } from "@/components/auth/two-step-sign-in-form";

export function OperatorLoginForm() {
  return (
    <TwoStepSignInForm
      action={operatorLoginAction}
      initialState={{}}
      destination={(state) => (state.ok ? "/operator" : undefined)}
      title={() => "Platform operator"}
      intro="For the people who run Lastmile itself. ISP staff sign in on their company's address."
      recoveryHint="Enter one of the recovery codes printed when your authenticator was set up."
    />
  );
}
