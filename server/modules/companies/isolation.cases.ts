import { expect } from "vitest";
import { anonymousCaller } from "../../test/fixtures";
import { isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";

// Tenant isolation of the company row itself: A's settings never reach B's, and sign-up cannot take B's address.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  snapshotB: async (tx) => ({ company: await tx.company.findMany() }),
  idsOfB: async (tx) => (await tx.company.findMany()).flatMap((c) => [c.id, c.slug]),
  procedures: {
    "companies.register": async (w) => {
      // On a company's address sign-up is refused outright; B's slug stays B's.
      const failed = await failure(
        anonymousCaller(w.A.company).companies.register({
          name: "Takeover",
          slug: w.B.company.slug,
          currency: "USD",
          timeZone: "UTC",
          country: "US",
          adminName: "Eve",
          adminEmail: "eve@evil.test",
          password: "Evil-password-1",
        }),
      );
      expect(failed.code).toBe("BAD_REQUEST");
    },
    "companies.current": async (w) => {
      const company = await w.aAdmin.companies.current();
      expect(company.id).toBe(w.A.company.id);
      await w.expectNoneOfB(company);
    },
    "companies.update": async (w) => {
      // Extra keys (another company's id or slug) are not part of the settings and change nothing.
      const input = {
        name: "Alpha Networks",
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
        id: w.B.company.id,
        slug: w.B.company.slug,
      } as never;
      const updated = await w.aAdmin.companies.update(input);
      expect(updated).toMatchObject({
        id: w.A.company.id,
        slug: w.A.company.slug,
        name: "Alpha Networks",
        currency: "KES",
      });
    },
  },
});
