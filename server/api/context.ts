import { headers } from "next/headers";
import { requestMeta } from "../auth/request-meta";
import { wroteRecently } from "./read-your-writes";
import { currentCompany, currentViewer } from "../auth/viewer";
import type { Context } from "./trpc";

export async function createHttpContext(req: Request): Promise<Context> {
  return contextFor(req.headers);
}

/** The same context for server components, which call procedures in-process (no Request). */
export async function createServerContext(): Promise<Context> {
  return contextFor(await headers());
}

async function contextFor(requestHeaders: Headers): Promise<Context> {
  return {
    company: await currentCompany(),
    viewer: await currentViewer(),
    ...requestMeta(requestHeaders),
    primaryReads: wroteRecently(requestHeaders),
  };
}
