import { expect, test } from "@playwright/test";
import { atAccepted, fakeSmsProvider, type FakeAnswer } from "../server/modules/sms/testing";
import { companyOrigin, PORT, registerIsp } from "./helpers";
import { smsProviderPortFor } from "./sms";

// A new ISP switches SMS on with its Africa's Talking account, sends a test SMS that the
// provider accepts and one it refuses, finds both in the SMS log, and rewords a template.
// Africa's Talking is a local fake on the port e2e/serve.ts pointed the app at.

const slug = `e2e-sms-${Date.now().toString(36)}`;
const origin = companyOrigin(slug);
const owner = { name: "Wanjiru Kamau", email: "wanjiru@e2e-sms.example", password: "Owner-pass-2026" };

let provider: Awaited<ReturnType<typeof fakeSmsProvider>>;
let answer: FakeAnswer = { status: 201, body: atAccepted("+254712345678", "ATXid_e2e_1") };

test.beforeAll(async () => {
  provider = await fakeSmsProvider(() => answer, smsProviderPortFor(PORT));
});
test.afterAll(async () => provider?.close());

test("a super admin switches SMS on, tests it, reads the SMS log and rewords a template", async ({ page }) => {
  await registerIsp(page, { companyName: "Rift Valley Fibre", slug, owner });

  // Off until an account is entered; the test card says so too.
  await page.goto(`${origin}/settings/sms`);
  await expect(page.getByText("SMS is switched off").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Send test SMS" })).toBeDisabled();

  await page.getByLabel("Username").fill("riftfibre");
  await page.getByLabel("API key").fill("atsk_e2e_secret_key");
  await page.getByLabel("Sender ID or short code").fill("RIFTFIBRE");
  await page.getByRole("button", { name: "Switch SMS on" }).click();
  await expect(page.getByText("SMS is on")).toBeVisible();
  await expect(page.getByText("Messages go through Africa's Talking from “RIFTFIBRE”")).toBeVisible();
  // The key is never shown again, only that it is set.
  await expect(page.getByLabel("API key")).toHaveValue("");
  await expect(page.getByText("Set. Leave blank to keep it, or enter a new one to replace it.")).toBeVisible();

  // A local number in the company's country, accepted by the provider.
  await page.getByLabel("Phone number").fill("0712 345 678");
  await page.getByRole("button", { name: "Send test SMS" }).click();
  await expect(page.getByTestId("sms-test-result")).toContainText("Accepted by the provider (id ATXid_e2e_1).");
  expect(provider.requests).toHaveLength(1);
  expect(provider.requests[0].path).toBe("/version1/messaging");
  expect(provider.requests[0].headers.apikey).toBe("atsk_e2e_secret_key");
  expect(provider.requests[0].form).toMatchObject({
    username: "riftfibre",
    to: "+254712345678",
    from: "RIFTFIBRE",
    message: "Test message from Rift Valley Fibre: SMS is set up and working.",
  });

  // The provider refuses the next one: the reason is shown as the provider gave it.
  answer = {
    status: 201,
    body: {
      SMSMessageData: {
        Message: "Sent to 0/1 Total Cost: 0",
        Recipients: [
          { statusCode: 403, number: "+254799000111", status: "InvalidPhoneNumber", cost: "0", messageId: "None" },
        ],
      },
    },
  };
  await page.getByLabel("Phone number").fill("+254799000111");
  await page.getByRole("button", { name: "Send test SMS" }).click();
  await expect(page.getByTestId("sms-test-result")).toContainText("Not sent.");
  await expect(page.getByTestId("sms-test-result")).toContainText(
    "Africa's Talking did not send the message: InvalidPhoneNumber (status 403).",
  );

  // Both are in the SMS log; the failed one shows its reason.
  await page.getByRole("link", { name: "Open the SMS log" }).click();
  await page.waitForURL(`${origin}/sms`);
  await expect(page.getByRole("heading", { name: "SMS log" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "+254712345678" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "+254799000111" })).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await expect(page.getByRole("row").filter({ hasText: "+254712345678" })).toHaveCount(0);
  await page.getByRole("row").filter({ hasText: "+254799000111" }).click();
  const details = page.getByRole("dialog", { name: "SMS to +254799000111" });
  await expect(details).toContainText("InvalidPhoneNumber (status 403)");
  await expect(details).toContainText("Africa's Talking");
  await page.keyboard.press("Escape");

  // A template: an unknown placeholder is refused as it is typed; a known one is inserted.
  await page.goto(`${origin}/settings/sms/templates`);
  const restored = page.getByRole("form", { name: "Service restored" });
  const message = restored.getByLabel("Message");
  await message.fill("Hi {{firstName}}, {{amount}} received.");
  await expect(
    restored.getByText(
      "Unknown placeholder {{amount}}. This message can use {{firstName}}, {{accountNumber}}, {{companyName}}.",
    ),
  ).toBeVisible();
  await message.fill("Karibu tena {{firstName}}! Your internet is back on. ");
  await restored.getByRole("button", { name: "{{companyName}}" }).click();
  await expect(message).toHaveValue("Karibu tena {{firstName}}! Your internet is back on. {{companyName}}");
  await expect(restored.getByTestId("sms-length")).toContainText("1 SMS ·");
  await restored.getByRole("button", { name: "Save" }).click();
  await expect(restored.getByText("Your wording")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Service restored" }).getByLabel("Message")).toHaveValue(
    "Karibu tena {{firstName}}! Your internet is back on. {{companyName}}",
  );
});
