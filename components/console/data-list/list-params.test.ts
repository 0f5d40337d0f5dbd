import { describe, expect, it } from "vitest";
import { customersListInput } from "../customers/list-query";
import { leadsListInput } from "../leads/list-query";
import { listParams } from "./list-params";

// The server page prefetches with the input built from its searchParams; the browser's first
// query builds it from useSearchParams. A difference means a second fetch and a flashing list.

describe("listParams reads the URL the same way on the server and in the browser", () => {
  it("a page's searchParams record and the browser's URLSearchParams give the same list input", () => {
    const url = "q=kamau&status=ACTIVE&status=SUSPENDED&sort=name&page=3&tag=vip";
    const fromBrowser = customersListInput(listParams(new URLSearchParams(url)));
    const fromServer = customersListInput(
      listParams({ q: "kamau", status: ["ACTIVE", "SUSPENDED"], sort: "name", page: "3", tag: "vip" }),
    );
    expect(fromServer).toEqual(fromBrowser);
    expect(fromServer).toMatchObject({
      search: "kamau",
      status: "ACTIVE",
      sort: "name",
      direction: "asc",
      page: 3,
    });
  });

  it("ignores what a hand-edited URL gets wrong, and leaves defaults out", () => {
    const p = listParams({ status: "NOPE", sort: "nope", dir: "sideways", page: "-2", q: "" });
    expect(customersListInput(p)).toEqual({
      search: undefined,
      status: undefined,
      type: undefined,
      tag: undefined,
      sort: "createdAt",
      direction: "desc",
      page: 1,
      pageSize: 25,
    });
  });

  it("follow-ups due sort by when they are due, across every stage", () => {
    const input = leadsListInput(listParams({ due: "1", stage: "NEW" }));
    expect(input).toMatchObject({ due: true, stage: undefined, sort: "followUpAt", direction: "asc" });
  });
});
