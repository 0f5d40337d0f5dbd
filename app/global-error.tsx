"use client";

import type { ErrorInfo } from "next/error";
import { PageError } from "@/components/layout/page-error";
import "./globals.css";

// The root layout itself failed: this replaces it, so it brings its own document and styles.
export default function GlobalError({ error, retry }: ErrorInfo) {
  return (
    <html lang="en">
      <head>
        <title>Something went wrong · Lastmile</title>
      </head>
      <body className="min-h-screen bg-background text-foreground antialiased">
        <PageError fullPage error={error} retry={retry} home={{ href: "/", label: "Go to the home page" }} />
      </body>
    </html>
  );
}
