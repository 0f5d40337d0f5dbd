import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { INVOICE_FILTERS } from "./list-query";
import { InvoiceStatusBadge } from "./invoice-status";
import { INVOICE_STATUS_LABELS } from "@/server/modules/billing/schema";
import { optionsFrom } from "../data-list";

// What staff read for a written-off invoice: the same words in the list's filter and on its badge,
// and never "Overdue" (bad debt is not chased).

const badge = (status: Parameters<typeof InvoiceStatusBadge>[0]["status"], overdue: boolean) =>
  renderToStaticMarkup(createElement(InvoiceStatusBadge, { status, overdue }));

describe("the invoice status badge", () => {
  it("shows a written-off invoice as written off, even past its due date", () => {
    expect(badge("UNCOLLECTIBLE", false)).toContain(">Written off<");
    expect(badge("UNCOLLECTIBLE", true)).toContain(">Written off<");
    expect(badge("UNCOLLECTIBLE", true)).not.toContain("Overdue");
  });

  it("shows an open invoice past its due date as overdue", () => {
    expect(badge("OPEN", true)).toContain(">Overdue<");
    expect(badge("PARTIALLY_PAID", true)).toContain(">Overdue<");
    expect(badge("PAID", true)).toContain(">Paid<");
  });

  it("offers the written-off filter under the badge's words", () => {
    expect(optionsFrom(INVOICE_FILTERS, INVOICE_STATUS_LABELS)).toContainEqual(
      expect.objectContaining({ value: "UNCOLLECTIBLE", label: "Written off" }),
    );
  });
});
