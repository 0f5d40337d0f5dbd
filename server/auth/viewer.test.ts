import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "../lib/env";
import * as sessions from "../modules/auth/sessions";
import { makeCompany, makeUser } from "../test/fixtures";
import { currentCompany, currentViewer } from "./viewer";

// Who is looking at a page: the subdomain's company, and the signed-in user only if the cookie's
// session belongs to that very company. The request (Host header, Auth.js cookie) is faked at
// its edges; sessions, users and companies are real rows.

const request = vi.hoisted(() => ({ host: "", cookie: null as { sid?: string; cid?: string } | null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: request.host }) }));
vi.mock("./config", () => ({ auth: async () => request.cookie }));

type Company = Awaited<ReturnType<typeof makeCompany>>;
let A: Company;
let B: Company;
let aUser: Awaited<ReturnType<typeof makeUser>>;
let aSessionId: string;

const hostOf = (slug: string) => `${slug}.${env().ROOT_DOMAIN}`;

beforeAll(async () => {
  A = await makeCompany("viewer-a");
  B = await makeCompany("viewer-b");
  aUser = await makeUser(A.company.id, "TECHNICAL_SUPPORT", { email: "tech@viewer-a.test" });
  aSessionId = (await sessions.create(A.company.id, aUser.id, "WEB", {})).id;
});
beforeEach(() => {
  request.host = "";
  request.cookie = null;
});

describe("currentViewer", () => {
  it("on the session's own subdomain: the user, with their company", async () => {
    request.host = hostOf(A.company.slug);
    request.cookie = { sid: aSessionId, cid: A.company.id };
    expect(await currentCompany()).toMatchObject({ id: A.company.id });
    expect(await currentViewer()).toMatchObject({
      userId: aUser.id,
      companyId: A.company.id,
      sessionId: aSessionId,
      role: "TECHNICAL_SUPPORT",
    });
  });

  it("A's cookie replayed on B's subdomain: nobody is signed in", async () => {
    request.host = hostOf(B.company.slug);
    request.cookie = { sid: aSessionId, cid: A.company.id };
    expect(await currentCompany()).toMatchObject({ id: B.company.id });
    expect(await currentViewer()).toBeNull();
  });

  it("a cookie forged to claim B's company, with A's session id: nobody (B has no such session)", async () => {
    request.host = hostOf(B.company.slug);
    request.cookie = { sid: aSessionId, cid: B.company.id };
    expect(await currentViewer()).toBeNull();
  });

  it("a revoked session or no cookie: nobody", async () => {
    request.host = hostOf(A.company.slug);
    expect(await currentViewer()).toBeNull();
    const revoked = (await sessions.create(A.company.id, aUser.id, "WEB", {})).id;
    await sessions.revoke(A.company.id, revoked);
    request.cookie = { sid: revoked, cid: A.company.id };
    expect(await currentViewer()).toBeNull();
  });

  it("on the root domain there is no company and no viewer", async () => {
    request.host = env().ROOT_DOMAIN;
    request.cookie = { sid: aSessionId, cid: A.company.id };
    expect(await currentCompany()).toBeNull();
    expect(await currentViewer()).toBeNull();
  });
});
