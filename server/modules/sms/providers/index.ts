import type { SmsProvider } from "../../../db/generated/prisma/enums";
import { africasTalking } from "./africas-talking";
import { twilio } from "./twilio";
import type { SmsProviderClient } from "./types";

/** The client for each provider a company can choose. */
export const PROVIDERS: Record<SmsProvider, SmsProviderClient> = {
  AFRICAS_TALKING: africasTalking,
  TWILIO: twilio,
};
