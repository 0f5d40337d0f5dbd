// Where the app of an end-to-end run sends Daraja (M-Pesa) requests: e2e/serve.ts points
// MPESA_API_URL here, and a spec that takes M-Pesa payments starts the fake Daraja on this port
// (server/modules/payments/providers/fake-daraja.ts), so the real client runs and nothing reaches
// Safaricom. The fake posts the customer's answer to the app's callback URL, as Safaricom does.

/** The fake Daraja port for the app on `appPort` (one per port, so parallel runs do not collide). */
export const darajaPortFor = (appPort: number) => appPort + 30_000;
