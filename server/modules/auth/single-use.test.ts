import { beforeAll, describe, expect, it } from "vitest";
import { currentTotp, newTotpSecret, normaliseRecoveryCode } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { seal, sha256 } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import * as apiTokens from "./api-tokens";
import { verifyCredentials } from "./credentials";

// Single-use credentials presented by several requests at the same moment, each in its own
// transaction on the application's pool: exactly one may win.

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;
beforeAll(async () => {
  co = await makeCompany("single-use-isp");
});

const fulfilled = (results: PromiseSettledResult<unknown>[]) => results.filter((r) => r.status === "fulfilled");
const parallel = <T>(n: number, run: (i: number) => Promise<T>) =>
  Promise.allSettled(Array.from({ length: n }, (_, i) => run(i)));

async function twoFactorUser(email: string) {
  const user = await makeUser(co.company.id, "NETWORK_ADMIN", { email });
  const secret = newTotpSecret();
  await withTenant(co.company.id, (tx) =>
    tx.user.update({ where: { id: user.id }, data: { totpSecret: seal(secret), totpEnabledAt: new Date() } }),
  );
  return { user, secret };
}

describe("single-use credentials under concurrency", () => {
  it("8 concurrent refreshes of one refresh token: exactly one succeeds, and the session ends", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "api@single.test" });
    const pair = await apiTokens.issue(co.company.id, user, { ip: "10.8.0.1" });
    const results = await parallel(8, () => apiTokens.refresh(co.company.id, pair.refreshToken));
    expect(fulfilled(results)).toHaveLength(1);
    // The losers counted as reuse: the family is revoked, the winner's new token included.
    const winner = (fulfilled(results)[0] as PromiseFulfilledResult<apiTokens.TokenPair>).value;
    await expect(apiTokens.refresh(co.company.id, winner.refreshToken)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("one TOTP code sent by 4 concurrent sign-ins signs in once", async () => {
    const { user, secret } = await twoFactorUser("totp@single.test");
    const code = currentTotp(secret);
    const results = await parallel(4, (i) =>
      verifyCredentials(co.company.id, { email: user.email, password: TEST_PASSWORD, totp: code }, `10.8.1.${i}`),
    );
    expect(fulfilled(results)).toHaveLength(1);
  });

  it("one recovery code sent by 10 concurrent sign-ins signs in once", async () => {
    const { user } = await twoFactorUser("recovery@single.test");
    const code = "7fk2-9qzd";
    await withTenant(co.company.id, (tx) =>
      tx.recoveryCode.create({
        data: { id: newId(), companyId: co.company.id, userId: user.id, codeHash: sha256(normaliseRecoveryCode(code)) },
      }),
    );
    const results = await parallel(10, (i) =>
      verifyCredentials(
        co.company.id,
        { email: user.email, password: TEST_PASSWORD, recoveryCode: code },
        `10.8.2.${i}`,
      ),
    );
    expect(fulfilled(results)).toHaveLength(1);
  });
});
