"use client";

import type { ErrorInfo } from "next/error";
import { PageError } from "@/components/layout/page-error";

// A portal page whose server render failed: said inside the portal's frame, which still works.
export default function PortalError({ error, retry }: ErrorInfo) {
  return <PageError error={error} retry={retry} home={{ href: "/portal", label: "Back to your account" }} />;
}
