import type { SmsTemplateKey } from "../../db/generated/prisma/enums";

// The SMS the product sends, each with the placeholders it may use and the text a company gets
// until it rewords it. The defaults fit one SMS (160 GSM-7 characters) with typical values
// filled in. Pure: the console's template editor validates and counts with it.

export const PLACEHOLDER_LABELS = {
  firstName: "Customer's first name",
  accountNumber: "Account number",
  companyName: "Your company's name",
  amount: "Amount with currency",
  dueDate: "Due date",
  invoiceNumber: "Invoice number",
  link: "Link to the customer portal page",
} as const;
export type Placeholder = keyof typeof PLACEHOLDER_LABELS;

export interface TemplateSpec {
  label: string;
  /** When the product sends it. */
  when: string;
  placeholders: readonly Placeholder[];
  defaultBody: string;
}

const everyone = ["firstName", "accountNumber", "companyName"] as const;

export const SMS_TEMPLATES: Record<SmsTemplateKey, TemplateSpec> = {
  INVOICE_ISSUED: {
    label: "Invoice issued",
    when: "An invoice is issued to the customer.",
    placeholders: [...everyone, "invoiceNumber", "amount", "dueDate", "link"],
    defaultBody:
      "Hi {{firstName}}, your {{companyName}} invoice {{invoiceNumber}} for {{amount}} is due on {{dueDate}}. Account {{accountNumber}}. View and pay: {{link}}",
  },
  PAYMENT_RECEIVED: {
    label: "Payment received",
    when: "A payment is recorded: the customer's receipt.",
    placeholders: [...everyone, "amount", "link"],
    defaultBody:
      "Thank you {{firstName}}. {{companyName}} received {{amount}} for account {{accountNumber}}. Your receipt: {{link}}",
  },
  PAYMENT_REMINDER: {
    label: "Payment reminder",
    when: "A reminder before or after the due date of an unpaid invoice.",
    placeholders: [...everyone, "invoiceNumber", "amount", "dueDate", "link"],
    defaultBody:
      "Hi {{firstName}}, a reminder that {{amount}} on account {{accountNumber}} is due on {{dueDate}}. Pay here: {{link}}",
  },
  SERVICE_SUSPENDED: {
    label: "Service suspended",
    when: "A subscription is suspended for an unpaid balance.",
    placeholders: [...everyone, "amount", "link"],
    defaultBody:
      "Hi {{firstName}}, internet on account {{accountNumber}} is suspended: {{amount}} is unpaid. Pay to restore it at once: {{link}}",
  },
  SERVICE_RESTORED: {
    label: "Service restored",
    when: "A suspended subscription is active again.",
    placeholders: [...everyone],
    defaultBody:
      "Hi {{firstName}}, your internet service on account {{accountNumber}} is back on. Thank you for your payment. {{companyName}}",
  },
  DATA_CAP_80: {
    label: "Data cap 80%",
    when: "The customer has used 80% of the package's data for the period.",
    placeholders: [...everyone, "link"],
    defaultBody:
      "Hi {{firstName}}, you have used 80% of your data for this period on account {{accountNumber}}. Top up or upgrade: {{link}}",
  },
  DATA_CAP_100: {
    label: "Data cap reached",
    when: "The customer has used all of the package's data for the period.",
    placeholders: [...everyone, "link"],
    defaultBody:
      "Hi {{firstName}}, you have used all your data for this period on account {{accountNumber}}. Buy a data top-up: {{link}}",
  },
};

export const SMS_TEMPLATE_KEYS = Object.keys(SMS_TEMPLATES) as SmsTemplateKey[];

/** Longest template text: six GSM parts; a longer SMS costs more than it helps. */
export const TEMPLATE_MAX_LENGTH = 918;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** What is wrong with a template's text for this template, or null when it may be saved. */
export function templateProblem(key: SmsTemplateKey, body: string): string | null {
  const text = body.trim();
  if (!text) return "Enter the message text.";
  if (text.length > TEMPLATE_MAX_LENGTH) return `The message can be at most ${TEMPLATE_MAX_LENGTH} characters.`;
  const allowed: readonly string[] = SMS_TEMPLATES[key].placeholders;
  const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    const names = [...new Set(unknown)].map((n) => `{{${n}}}`).join(", ");
    return `Unknown placeholder ${names}. This message can use ${allowed.map((p) => `{{${p}}}`).join(", ")}.`;
  }
  // Braces left after the placeholders are taken out are a placeholder typed wrong ("{{name}").
  if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, ""))) return "A placeholder is not closed: write it as {{name}}.";
  return null;
}

/** The text with its placeholders filled in; a placeholder without a value is a caller's mistake. */
export function fillTemplate(body: string, values: Partial<Record<Placeholder, string>>): string {
  return body.trim().replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name as Placeholder];
    if (value === undefined) throw new Error(`No value for the SMS placeholder {{${name}}}`);
    return value;
  });
}
