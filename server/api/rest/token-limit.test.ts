import { afterAll, beforeAll, expect, it } from "vitest";
import { resetEnvCache } from "../../lib/env";
import { login } from "../../modules/auth/rest";
import { list } from "../../modules/customers/rest";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { buildOpenApiDocument } from "./openapi";
import { restRoutes } from "./registry";
import { call, hostOf } from "./testing";

// The REST API's limit per access token (./token-limit.ts) through a real route on PostgreSQL:
// every answer says where the token stands, the request past the limit is refused with 429 and
// Retry-After, and another token (another sign-in) has its own count. That the count holds
// across app processes is the shared state's (server/shared-state/shared-state.test.ts).

const A = hostOf("rest-limit-a");
let first: string;
let second: string;

async function tokenOf(email: string) {
  const res = await call(login, { host: A, body: { email, password: TEST_PASSWORD } });
  expect(res.status, res.text).toBe(200);
  return res.body.accessToken as string;
}

beforeAll(async () => {
  const a = await makeCompany("rest-limit-a");
  await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@limit.test" });
  await makeUser(a.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm2@limit.test" });
  first = await tokenOf("csm@limit.test");
  second = await tokenOf("csm2@limit.test");
  process.env.API_RATE_LIMIT_PER_MINUTE = "3";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
});

it("answers with RateLimit headers, refuses the request past the limit with 429 and Retry-After; another token is apart", async () => {
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await call(list, { host: A, token: first }));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
  expect(answers.map((a) => a.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
  expect(answers[0]!.headers.get("ratelimit-limit")).toBe("3");
  expect(answers[0]!.headers.get("ratelimit-policy")).toBe("3;w=60");
  const refused = answers[3]!;
  expect(refused.body.error).toMatchObject({
    code: "RATE_LIMITED",
    message: expect.stringMatching(
      /^Too many requests with this access token: at most 3 a minute\. Try again in \d+ s\.$/,
    ),
  });
  const retryAfter = Number(refused.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);

  const other = await call(list, { host: A, token: second });
  expect(other.status).toBe(200);
  expect(other.headers.get("ratelimit-remaining")).toBe("2");
});

it("the OpenAPI document lists 429 for every endpoint that takes an access token, and says what it means", () => {
  const doc = buildOpenApiDocument(restRoutes(), { servers: [{ url: "http://x" }] });
  const list = doc.paths["/api/customers"]!.get!;
  expect(Object.keys(list.responses)).toContain("429");
  expect(list.responses["429"]).toEqual({ $ref: "#/components/responses/TooManyRequests" });
  expect(JSON.stringify(doc.components)).toMatch(/RATE_LIMITED.*Retry-After/);
});
