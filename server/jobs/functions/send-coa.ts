import { attempt, deliver, type AttemptResult } from "../../modules/nas/coa";
import { consumer } from "../emit";
import { coaRequested } from "../events";
import { inngest } from "../client";

/** Without Inngest: every try in turn; a request not committed yet throws NotFound (retried inline). */
export const deliverCoa = consumer(coaRequested, ({ companyId, requestId }): Promise<AttemptResult> =>
  deliver(companyId, requestId),
);

/** Thrown while the NAS has not answered and tries are left, so Inngest sends the packet again later. */
export class NasNotAnswering extends Error {
  constructor(readonly result: AttemptResult) {
    super(`The NAS did not answer CoA request ${result.requestId} (attempt ${result.attempts})`);
  }
}

/**
 * Sends one Disconnect-Request or CoA-Request to its NAS and records the answer. Once per
 * request (the event id and the idempotency key); each Inngest retry is one more try at the NAS,
 * recorded on the request (attempts), until COA_ATTEMPTS tries went unanswered and TIMEOUT is
 * recorded. An answered request (ACK/NAK) is final and never sent again.
 */
export const sendCoaRequest = inngest.createFunction(
  {
    id: "send-coa-request",
    name: "Send a RADIUS Disconnect/CoA request to a NAS",
    retries: 9,
    idempotency: "event.data.requestId",
    triggers: [coaRequested],
  },
  async ({ event, step }) =>
    step.run("send", async () => {
      const r = await attempt(event.data.companyId, event.data.requestId);
      if (!r.final) throw new NasNotAnswering(r);
      return r;
    }),
);
