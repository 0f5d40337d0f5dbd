import { verify } from "@node-rs/argon2";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { newTotpSecret } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { env } from "../../lib/env";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { verifyCredentials } from "./credentials";

// Lockout under concurrency: real parallel sign-ins through the application's pool, each in its
// own transactions. A read-then-write counter lets most of them through before the lock.

vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;
beforeAll(async () => {
  co = await makeCompany("lockout-race-isp");
});

const storedUser = (id: string) => withTenant(co.company.id, (tx) => tx.user.findUniqueOrThrow({ where: { id } }));
// A different address for each request, so that the per-address limit is not what stops them.
const address = (i: number) => `10.77.${Math.floor(i / 200)}.${i % 200}`;

describe("lockout under concurrent attempts", () => {
  // 60 argon2 hashes on a shared machine: more time than the default.
  it(
    "60 parallel wrong passwords get at most LOGIN_MAX_FAILURES real password checks",
    { timeout: 120_000 },
    async () => {
      const user = await makeUser(co.company.id, "NETWORK_ADMIN", { email: "race@lockout.test" });
      const { passwordHash } = await storedUser(user.id);
      vi.mocked(verify).mockClear();
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          verifyCredentials(co.company.id, { email: user.email, password: `Wrong-${i}-password` }, address(i)),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(0);
      const realChecks = vi.mocked(verify).mock.calls.filter(([hash]) => hash === passwordHash).length;
      expect(realChecks).toBeGreaterThan(0);
      expect(realChecks).toBeLessThanOrEqual(env().LOGIN_MAX_FAILURES);
      expect((await storedUser(user.id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
      await expect(
        verifyCredentials(co.company.id, { email: user.email, password: TEST_PASSWORD }, address(100)),
      ).rejects.toMatchObject({ code: expect.any(String) });
    },
  );

  it("parallel wrong TOTP codes after the right password lock the account too", async () => {
    const user = await makeUser(co.company.id, "NETWORK_ADMIN", { email: "totp-race@lockout.test" });
    await withTenant(co.company.id, (tx) =>
      tx.user.update({
        where: { id: user.id },
        data: { totpSecret: seal(newTotpSecret()), totpEnabledAt: new Date() },
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        verifyCredentials(
          co.company.id,
          { email: user.email, password: TEST_PASSWORD, totp: "000000" },
          address(200 + i),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(0);
    expect((await storedUser(user.id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("answers that do not tell accounts apart", () => {
  it("an unknown e-mail, a disabled and a locked account each cost one hash and get the wrong-password answer", async () => {
    const disabled = await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "disabled@lockout.test" });
    await withTenant(co.company.id, (tx) =>
      tx.user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } }),
    );
    const locked = await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "locked@lockout.test" });
    await withTenant(co.company.id, (tx) =>
      tx.user.update({ where: { id: locked.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } }),
    );
    for (const email of ["nobody@lockout.test", disabled.email, locked.email]) {
      vi.mocked(verify).mockClear();
      await expect(
        verifyCredentials(co.company.id, { email, password: TEST_PASSWORD }, address(300)),
        email,
      ).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "E-mail or password is incorrect." });
      expect(vi.mocked(verify).mock.calls, email).toHaveLength(1);
    }
  });
});
