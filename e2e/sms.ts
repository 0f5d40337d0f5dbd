// Where the app of an end-to-end run sends Africa's Talking requests: e2e/serve.ts points
// SMS_AFRICAS_TALKING_URL here, and a spec that sends SMS starts a fake provider on this port
// (server/modules/sms/testing.ts), so the real client runs and nothing reaches the internet.

/** The fake Africa's Talking port for the app on `appPort` (one per port, so parallel runs do not collide). */
export const smsProviderPortFor = (appPort: number) => appPort + 20_000;
