import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { TEST_PASSWORD } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { login } from "../auth/rest";
import { customersFixture } from "../customers/isolation.cases";
import { exportCustomer, exportMine } from "./rest";

// Tenant isolation of data protection. B's customer has account number ACC-000001, like A's
// first customer: the number typed to confirm an erasure never reaches across companies.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const decoded = (file: { base64: string }) => Buffer.from(file.base64, "base64").toString("utf8");

const privacyFixture = fixture(async (w) => {
  const c = await customersFixture(w);
  const res = await call(login, {
    host: hostOf(w.A.company.slug),
    body: { email: "portal@alpha.test", password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  return { ...c, aCustomerToken: res.body.accessToken as string };
});

export default isolationCases({
  setup: privacyFixture,
  snapshotB: async (tx) => ({
    customers: await tx.customer.findMany({ orderBy: { id: "asc" } }),
    users: await tx.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, email: true, name: true, status: true },
    }),
  }),
  procedures: {
    "privacy.exportCustomer": async (w, f) => {
      expect((await failure(w.aAdmin.privacy.exportCustomer({ id: f.cb.customerId }))).code).toBe("NOT_FOUND");
      const own = decoded(await w.aAdmin.privacy.exportCustomer({ id: f.cb.aCustomerId, format: "json" }));
      expect(own).toContain("subscriber@alpha.test");
      await w.expectNoneOfB(own);
    },
    "privacy.eraseCustomer": async (w, f) => {
      const failed = await failure(
        w.aAdmin.privacy.eraseCustomer({ id: f.cb.customerId, confirmAccountNo: "ACC-000001" }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
    "privacy.exportMine": async (w, f) => {
      const mine = decoded(await f.aCustomerPortal.privacy.exportMine({ format: "json" }));
      expect(mine).toContain("subscriber@alpha.test");
      await w.expectNoneOfB(mine);
    },
  },
  rest: {
    "GET /api/customers/{id}/export": async (w, f) => {
      const host = hostOf(w.A.company.slug);
      const theirs = await call(exportCustomer, { host, token: w.aToken, params: { id: f.cb.customerId } });
      expect(theirs.status).toBe(404);
      const own = await call(exportCustomer, { host, token: w.aToken, params: { id: f.cb.aCustomerId } });
      expect(own.status).toBe(200);
      expect(own.text).toContain("subscriber@alpha.test");
      await w.expectNoneOfB(own.text);
    },
    "GET /api/me/export": async (w, f) => {
      const host = hostOf(w.A.company.slug);
      const mine = await call(exportMine, { host, token: f.aCustomerToken });
      expect(mine.status).toBe(200);
      expect(mine.text).toContain("subscriber@alpha.test");
      await w.expectNoneOfB(mine.text);
      // A's token on B's address is refused before anything is read.
      expect((await call(exportMine, { host: hostOf(w.B.company.slug), token: f.aCustomerToken })).status).toBe(401);
    },
  },
});
