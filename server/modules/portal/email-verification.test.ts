import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { linkToken, mailsTo } from "../../test/mail";
import { outboxOf } from "../../test/trpc";
import { verifyCredentials } from "../auth/credentials";
import { resend, sendLink, verify } from "./email-verification";

it("a self-registered customer signs in only after following the e-mailed link, which works once", async () => {
  const { company, full } = await makeCompany("verify-isp");
  const user = await makeUser(company.id, "CUSTOMER", { email: "new.customer@example.com" });
  await withTenant(company.id, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { emailUnverified: true } });
    await sendLink({ tx, companyId: company.id, actor: { type: "SYSTEM" } }, full, {
      id: user.id,
      email: user.email,
      name: "New Customer",
    });
  });
  const signIn = () => verifyCredentials(company.id, { email: user.email, password: TEST_PASSWORD }, "10.9.0.1");
  await expect(signIn()).rejects.toMatchObject({ message: expect.stringMatching(/Confirm your e-mail address first/) });

  const [mail] = mailsTo(user.email);
  expect(mail).toMatchObject({ subject: "Confirm your e-mail for ISP verify-isp" });
  const token = linkToken(mail.text, "verify-email");
  const [kept] = await outboxOf(company.id);
  expect(kept.text).toMatch(/\/verify-email\/••••••/);
  expect(kept.text + kept.html).not.toContain(token);
  await expect(verify(company.id, token, {})).resolves.toEqual({ email: user.email });
  await expect(signIn()).resolves.toMatchObject({ id: user.id });
  await expect(verify(company.id, token, {})).rejects.toMatchObject({
    message: expect.stringMatching(/invalid or has expired/),
  });

  // Nothing more is sent once confirmed, nor for unknown addresses.
  await resend(full, user.email, {});
  await resend(full, "nobody@example.com", {});
  expect(mailsTo(user.email)).toHaveLength(1);
  expect(mailsTo("nobody@example.com")).toEqual([]);
});
