import { Middleware } from "inngest";
import { log } from "../lib/log";
import { metrics } from "../lib/metrics";
import { requestContext, withRequestContext } from "../lib/request-context";

// Background functions counted and logged alike wherever they run (docs/OPERATIONS.md "Metrics"):
// lastmile_job_runs_total{function, mode, outcome} and lastmile_job_duration_seconds. Runs by
// Inngest go through this middleware (server/jobs/client.ts); runs in this process (no Inngest)
// through inlineRun() (server/jobs/emit.ts). A run's log lines carry the job's name and the
// request id of the request (or job) that emitted its event: in this process AsyncLocalStorage
// follows it; through Inngest it travels in the event as `data.meta` (added to every event sent,
// read back when the run starts). An event sent outside any request (a cron) gets none, and its
// run's id is "inngest:<run id>".

/** What an event carries about the request that sent it. */
export interface EventMeta {
  requestId: string;
  companyId?: string;
}

const META = "meta";

/** The sending request's id (and company) added to each event's data, when there is a request. */
export function withMeta<E extends { data?: unknown }>(events: E[]): E[] {
  const c = requestContext();
  if (!c) return events;
  const meta: EventMeta = { requestId: c.requestId, ...(c.companyId ? { companyId: c.companyId } : {}) };
  return events.map((e) => ({ ...e, data: { ...((e.data as object | undefined) ?? {}), [META]: meta } }));
}

/** The meta withMeta() put in an event's data, if it is there and sane. */
export function metaOf(data: unknown): EventMeta | undefined {
  const meta = (data as Record<string, unknown> | undefined)?.[META] as Partial<EventMeta> | undefined;
  if (typeof meta?.requestId !== "string") return undefined;
  return { requestId: meta.requestId, ...(typeof meta.companyId === "string" ? { companyId: meta.companyId } : {}) };
}

export class ObserveJobs extends Middleware.BaseMiddleware {
  readonly id = "lastmile-observe";

  override async wrapFunctionHandler({ ctx, fn, next }: Middleware.WrapFunctionHandlerArgs): Promise<unknown> {
    const name = fn.opts.id ?? fn.name;
    const end = metrics.jobDuration.startTimer({ function: name, mode: "inngest" });
    const meta = metaOf(ctx.event?.data);
    const context = { requestId: meta?.requestId ?? `inngest:${ctx.runId}`, companyId: meta?.companyId, job: name };
    return withRequestContext(context, async () => {
      try {
        return await next();
      } finally {
        end();
      }
    });
  }

  override transformSendEvent(arg: Middleware.TransformSendEventArgs): Middleware.TransformSendEventArgs {
    return { ...arg, events: withMeta(arg.events) };
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
