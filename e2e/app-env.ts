import { mailPortFor, E2E_RESEND_KEY } from "./mail";
import { darajaPortFor } from "./mpesa";
import { smsProviderPortFor } from "./sms";

// The environment of the app in an end-to-end run: the server e2e/serve.ts starts, and any
// script a spec runs with the app's own services against the same database, so that both seal
// secrets with the same key and reach the same fakes.

export const e2eDatabaseName = (port: number) => `lastmile_e2e_${port}`;

export function e2eAppEnv(port: number, databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ROOT_DOMAIN: `localhost:${port}`,
    AUTH_SECRET: "e2e-auth-secret-0123456789abcdef",
    APP_ENCRYPTION_KEY: "e2e-encryption-key-0123456789abcdef",
    RESEND_API_KEY: E2E_RESEND_KEY,
    RESEND_BASE_URL: `http://127.0.0.1:${mailPortFor(port)}`,
    MAIL_FROM: "Lastmile e2e <no-reply@e2e.test>",
    // An SMS spec starts a fake Africa's Talking there while it runs; nothing else sends SMS.
    SMS_AFRICAS_TALKING_URL: `http://127.0.0.1:${smsProviderPortFor(port)}`,
    // A payments spec starts a fake Daraja there while it runs (e2e/mpesa.ts).
    MPESA_API_URL: `http://127.0.0.1:${darajaPortFor(port)}`,
  };
}
