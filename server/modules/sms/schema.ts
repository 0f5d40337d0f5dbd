import { z } from "zod";
import type { SmsProvider, SmsStatus } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination, searchText } from "../../lib/schema";
import { SMS_TEMPLATE_KEYS, templateProblem } from "./templates";

// SMS schemas: pure zod, shared by the console's forms and the server.

export const SMS_PROVIDERS = ["AFRICAS_TALKING", "TWILIO"] as const satisfies readonly SmsProvider[];
export const SMS_STATUSES = ["QUEUED", "SENT", "FAILED"] as const satisfies readonly SmsStatus[];

export const PROVIDER_LABELS: Record<SmsProvider, string> = {
  AFRICAS_TALKING: "Africa's Talking",
  TWILIO: "Twilio",
};
/** What each provider calls the two credentials, for the settings form. */
export const CREDENTIAL_LABELS: Record<SmsProvider, { account: string; secret: string; sender: string }> = {
  AFRICAS_TALKING: { account: "Username", secret: "API key", sender: "Sender ID or short code" },
  TWILIO: { account: "Account SID", secret: "Auth token", sender: "Sender ID or Twilio number" },
};
export const STATUS_LABELS: Record<SmsStatus, string> = { QUEUED: "Queued", SENT: "Sent", FAILED: "Failed" };

/** What to set, said wherever SMS is refused or shown as off. */
export const SMS_OFF_MESSAGE =
  "SMS is switched off: a Super Admin chooses a provider (Africa's Talking or Twilio) and enters its username or account SID, API key or auth token, and sender ID in Settings → SMS.";

export const saveSmsSettingsSchema = z.object({
  provider: z.enum(SMS_PROVIDERS, { error: "Choose a provider." }),
  account: z
    .string({ error: "Enter the account name." })
    .trim()
    .min(1, "Enter the username or account SID.")
    .max(100, "At most 100 characters."),
  /** Left empty to keep the stored one. */
  secret: optionalText(200, "The API key or auth token"),
  senderId: z
    .string({ error: "Enter the sender ID." })
    .trim()
    .min(1, "Enter the sender ID, short code or number messages come from.")
    .max(20, "A sender ID is at most 20 characters.")
    .regex(/^[A-Za-z0-9 +._-]+$/, "Use letters, digits, spaces, +, dot, dash or underscore."),
});
export type SaveSmsSettingsInput = z.input<typeof saveSmsSettingsSchema>;

export const sendTestSmsSchema = z.object({
  to: z.string({ error: "Enter a phone number." }).trim().min(1, "Enter a phone number.").max(30),
});

export const saveTemplateSchema = z
  .object({
    key: z.enum(SMS_TEMPLATE_KEYS),
    body: z.string({ error: "Enter the message text." }).max(2000),
  })
  .superRefine((v, ctx) => {
    const problem = templateProblem(v.key, v.body);
    if (problem) ctx.addIssue({ code: "custom", path: ["body"], message: problem });
  });
export type SaveTemplateInput = z.input<typeof saveTemplateSchema>;

export const templateKeySchema = z.object({ key: z.enum(SMS_TEMPLATE_KEYS) });

export const listSmsSchema = z.object({
  ...pagination().shape,
  search: searchText(),
  status: z.enum(SMS_STATUSES).optional(),
});
export type ListSmsInput = z.input<typeof listSmsSchema>;

export const smsByIdSchema = z.object({ id });
