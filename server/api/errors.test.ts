import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "../lib/errors";
import { HTTP_STATUS, toRestError, toTrpcError } from "./errors";

// One error, one status, whichever door it came through: a client that learns the status of an
// error from the REST API can rely on it in the console's tRPC calls, and the other way round.

const statusOverTrpc = (err: unknown) => getHTTPStatusCodeFromError(toTrpcError(err));

describe("the error mapper", () => {
  it("answers input that does not match its schema with 400 over REST and tRPC alike", () => {
    const invalid = z.object({ email: z.email() }).safeParse({ email: "nope" }).error;
    expect(toRestError(invalid).status).toBe(400);
    expect(statusOverTrpc(invalid)).toBe(400);
    expect(toRestError(invalid).body.error).toMatchObject({ code: "INVALID", fields: { email: expect.any(String) } });
  });

  it("answers every domain error with the same status over REST and tRPC", () => {
    for (const code of Object.keys(HTTP_STATUS) as DomainError["code"][]) {
      const err = new DomainError(code, "Refused.");
      expect(statusOverTrpc(err), code).toBe(toRestError(err).status);
    }
  });
});
