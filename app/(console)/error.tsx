"use client";

import type { ErrorInfo } from "next/error";
import { PageError } from "@/components/layout/page-error";

// A console page whose server render failed: said inside the console's frame, which still works.
export default function ConsoleError({ error, retry }: ErrorInfo) {
  return <PageError error={error} retry={retry} home={{ href: "/", label: "Back to the dashboard" }} />;
}
