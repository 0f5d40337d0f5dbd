"use client";

import type { ErrorInfo } from "next/error";
import { PageError } from "@/components/layout/page-error";

// A failure above the pages' own boundaries: a route group's layout (the console's or the portal's
// sign-in check, the sign-in pages' company lookup) or a page without a frame (platform, no-company).
export default function RootError({ error, retry }: ErrorInfo) {
  return <PageError fullPage error={error} retry={retry} home={{ href: "/", label: "Go to the home page" }} />;
}
