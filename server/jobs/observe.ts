import { Middleware } from "inngest";
import { log } from "../lib/log";
import { metrics } from "../lib/metrics";
import { requestContext, withRequestContext } from "../lib/request-context";

// Background functions counted and logged alike wherever they run (docs/OPERATIONS.md "Metrics"):
// lastmile_job_runs_total{function, mode, outcome} and lastmile_job_duration_seconds. Runs by
// Inngest go through this middleware (server/jobs/client.ts); runs in this process (no Inngest)
// through inlineRun() (server/jobs/emit.ts). A run's log lines carry the job's name and a request
// id: the emitting request's own when it ran here (AsyncLocalStorage follows it), else
// "inngest:<run id>"; the emitting request's line "event sent" names the event ids Inngest got,
// and the run's lines name its event id, which links the two.

export class ObserveJobs extends Middleware.BaseMiddleware {
  readonly id = "lastmile-observe";

  override async wrapFunctionHandler({ ctx, fn, next }: Middleware.WrapFunctionHandlerArgs): Promise<unknown> {
    const name = fn.opts.id ?? fn.name;
    const end = metrics.jobDuration.startTimer({ function: name, mode: "inngest" });
    const context = { requestId: `inngest:${ctx.runId}`, job: name };
    return withRequestContext(context, async () => {
      try {
        return await next();
      } finally {
        end();
      }
    });
  }

  override onRunComplete({ fn }: Middleware.OnRunCompleteArgs): void {
    metrics.jobRuns.inc({ function: fn.opts.id ?? fn.name, mode: "inngest", outcome: "ok" });
  }

  override onRunError({ fn, error, isFinalAttempt }: Middleware.OnRunErrorArgs): void {
    const name = fn.opts.id ?? fn.name;
    metrics.jobRuns.inc({ function: name, mode: "inngest", outcome: isFinalAttempt ? "failed" : "retry" });
    log[isFinalAttempt ? "error" : "warn"](
      { err: error, function: name },
      isFinalAttempt ? "job failed" : "job failed; Inngest retries it",
    );
  }
}

/** A handler run in this process (emit's fallback), timed, counted and logged under the job's name. */
export async function inlineRun<T>(name: string, run: () => Promise<T>): Promise<T> {
  const end = metrics.jobDuration.startTimer({ function: name, mode: "inline" });
  const parent = requestContext();
  const context = {
    requestId: parent?.requestId ?? `inline:${Date.now().toString(36)}`,
    companyId: parent?.companyId,
    job: name,
  };
  return withRequestContext(context, async () => {
    try {
      const result = await run();
      metrics.jobRuns.inc({ function: name, mode: "inline", outcome: "ok" });
      return result;
    } catch (err) {
      metrics.jobRuns.inc({ function: name, mode: "inline", outcome: "failed" });
      log.error({ err }, "job failed");
      throw err;
    } finally {
      end();
    }
  });
}
