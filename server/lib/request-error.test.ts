import { describe, expect, it } from "vitest";
import { withRequestContext } from "./request-context";
import { requestErrorFields } from "./request-error";

// The log line of a page that failed carries the digest the error page shows as its reference,
// and the request's id, so support can go from what a person read out to the request's lines.

const failure = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { digest: "2847291034" });
const request = {
  path: "/customers?q=Wanjiru",
  method: "GET",
  headers: { host: "acme.localhost", "x-request-id": "req-42" },
};
const where = { routePath: "/(console)/customers", routeType: "render" };

describe("the log line of a failed page", () => {
  it("holds the error page's reference, the request's id, the route and the error", () => {
    expect(requestErrorFields(failure(), request, where)).toEqual({
      digest: "2847291034",
      requestId: "req-42",
      method: "GET",
      path: "/customers",
      route: "/(console)/customers",
      kind: "render",
      err: "Error: connect ECONNREFUSED 127.0.0.1:5432",
    });
  });

  it("leaves the query string out: a search holds a customer's name", () => {
    expect(JSON.stringify(requestErrorFields(failure(), request, where))).not.toContain("Wanjiru");
  });

  it("leaves the request's id to the request's context when our server started one", () => {
    const fields = withRequestContext({ requestId: "req-42" }, () => requestErrorFields(failure(), request, where));
    expect(fields.requestId).toBeUndefined();
    expect(fields.digest).toBe("2847291034");
  });

  it("copes with a thrown value that is not an Error", () => {
    const fields = requestErrorFields("boom", { ...request, headers: {} }, where);
    expect(fields).toMatchObject({ digest: undefined, requestId: undefined, err: "boom" });
  });
});
