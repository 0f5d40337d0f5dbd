import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { ErrorInfo } from "next/error";
import { describe, expect, it } from "vitest";
import ConsoleError from "@/app/(console)/error";
import PortalError from "@/app/(portal)/portal/error";
import RootError from "@/app/error";
import GlobalError from "@/app/global-error";
import { PageError } from "./page-error";

// What a person reads when a page's server render fails: the product's words, a way to try again,
// and the reference support looks up in the logs; never the error's own message.

/** An error as Next.js hands a server component's failure to error.tsx: its digest set. */
const serverError = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { digest: "2847291034" });
const noop = () => {};
const page = (Component: ComponentType<ErrorInfo>, error: unknown = serverError()) =>
  renderToStaticMarkup(createElement(Component, { error, retry: noop, reset: noop }));

describe("the page that a failed render shows", () => {
  it("says what happened, offers to try again and gives the reference, not the error's message", () => {
    const html = renderToStaticMarkup(
      createElement(PageError, {
        error: serverError(),
        retry: noop,
        home: { href: "/", label: "Back to the dashboard" },
      }),
    );
    expect(html).toContain("Something went wrong loading this page");
    expect(html).toMatch(/<button[^>]*>Try again<\/button>/);
    expect(html).toContain("Reference: <code");
    expect(html).toContain(">2847291034</code>");
    expect(html).toContain('href="/"');
    expect(html).not.toContain("ECONNREFUSED");
  });

  it("leaves the reference out when there is none (an error thrown in the browser)", () => {
    const html = page(ConsoleError, new TypeError("x is undefined"));
    expect(html).toContain("Something went wrong loading this page");
    expect(html).not.toContain("Reference:");
    expect(html).not.toContain("x is undefined");
  });

  it("leads back to where each part of the product starts", () => {
    expect(page(ConsoleError)).toContain('href="/"');
    expect(page(ConsoleError)).toContain(">Back to the dashboard<");
    expect(page(PortalError)).toContain('href="/portal"');
    expect(page(PortalError)).toContain(">Back to your account<");
    // The console's and the portal's frames hold the <main>; a page without a frame brings its own.
    expect(page(ConsoleError)).not.toContain("<main");
    expect(page(RootError)).toContain("<main");
  });

  it("brings its own document when the root layout itself failed", () => {
    const html = page(GlobalError);
    expect(html).toMatch(/^<html lang="en">/);
    expect(html).toContain("<title>Something went wrong · Lastmile</title>");
    expect(html).toContain(">2847291034</code>");
  });
});
