import type { RouterOutputs } from "../types";

// What the SMS procedures return, for the console's client components (type-only).
export type SmsSettings = RouterOutputs["sms"]["settings"]["get"];
export type SmsTemplateRow = RouterOutputs["sms"]["templates"]["list"][number];
export type SmsLogRow = RouterOutputs["sms"]["log"]["list"]["rows"][number];
