import { describe, expect, it } from "vitest";
import { countText } from "./paging";

const customers = ["customer", "customers"] as const;

describe("countText", () => {
  it("says one thing in the singular", () => {
    expect(countText({ total: 1, page: 1, pageSize: 25 }, customers)).toBe("1 customer");
  });

  it("shows the range of the page and the total", () => {
    expect(countText({ total: 120, page: 1, pageSize: 25 }, customers)).toBe("Showing 1–25 of 120 customers");
    expect(countText({ total: 120, page: 5, pageSize: 25 }, customers)).toBe("Showing 101–120 of 120 customers");
  });

  it("gives the plain count when asked, or when the page is past the end", () => {
    expect(countText({ total: 40, page: 1, pageSize: 25 }, ["lead", "leads"], false)).toBe("40 leads");
    expect(countText({ total: 40, page: 3, pageSize: 25 }, customers)).toBe("40 customers");
  });
});
