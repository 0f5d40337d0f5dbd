import type { GetStepTools } from "inngest";
import * as companies from "../modules/companies/service";
import type { inngest } from "./client";

/**
 * A scheduled job's usual shape: the same work for every company, one step per company, so a
 * retry resumes after the last company that finished and never repeats its work. Returns each
 * company's result by id.
 */
export async function forEachCompany<T>(
  step: GetStepTools<typeof inngest>,
  stepName: string,
  work: (companyId: string) => Promise<T>,
) {
  const ids = await step.run("list-companies", () => companies.listIds());
  const results = [];
  for (const id of ids) results.push([id, await step.run(`${stepName}-${id}`, () => work(id))] as const);
  return Object.fromEntries(results);
}
