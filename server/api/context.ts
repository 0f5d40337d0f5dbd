import { requestMeta } from "../auth/request-meta";
import { currentCompany, currentViewer } from "../auth/viewer";
import type { Context } from "./trpc";

export async function createHttpContext(req: Request): Promise<Context> {
  const meta = requestMeta(req.headers);
  return { company: await currentCompany(), viewer: await currentViewer(), ...meta };
}
