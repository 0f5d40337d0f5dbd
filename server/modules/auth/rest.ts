import { z } from "zod";
import { defineRoute, RestError } from "../../api/rest/route";
import { Role } from "../../db/generated/prisma/enums";
import * as apiTokens from "./api-tokens";
import { SecondFactorRequired, verifyCredentials } from "./credentials";
import { loginSchema, refreshSchema } from "./schema";

// REST sign-in for integrations: tokens from api-tokens.ts, credentials checked (with lockout,
// rate limit and two-factor) by credentials.ts, exactly as the sign-in page does.

const tokenPairSchema = z.object({
  accessToken: z
    .string()
    .describe("JWT for `Authorization: Bearer …`; valid on this company's address only.")
    .meta({ examples: ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjaWQiOiLigKYifQ.c2lnbmF0dXJl"] }),
  tokenType: z.literal("Bearer"),
  expiresIn: z
    .number()
    .int()
    .describe("Seconds until the access token expires.")
    .meta({ examples: [900] }),
  refreshToken: z
    .string()
    .describe("Single use: exchange it at /api/auth/refresh before the access token expires.")
    .meta({ examples: ["cm3x9k2lq0001.6Jq0bq8hT2w1VfXo0yUu3bq9mRkK2g7v8f2PqY4Zc1E"] }),
});

const loginBody = loginSchema
  .extend({
    totp: loginSchema.shape.totp.describe(
      "The 6-digit code from the authenticator app, when two-factor authentication is on.",
    ),
    recoveryCode: loginSchema.shape.recoveryCode.describe("A one-time recovery code, instead of `totp`."),
  })
  .meta({ examples: [{ email: "noc@your-isp.example", password: "correct horse battery staple" }] });

const refreshBody = refreshSchema.extend({
  refreshToken: refreshSchema.shape.refreshToken.describe("The refresh token from the last login or refresh."),
});

export const login = defineRoute({
  method: "POST",
  path: "/api/auth/login",
  summary: "Sign in and get an access token and a refresh token",
  description:
    "When the account has two-factor authentication and no `totp` (or `recoveryCode`) is sent, the answer is 401 with code `TOTP_REQUIRED`: ask for the code and send the request again. A wrong e-mail and a wrong password get the same answer. Repeated failures lock the account for a while and rate-limit the address (429). Roles that must use two-factor authentication get 403 `TWO_FACTOR_ENROLMENT_REQUIRED` until they have set it up in the console.",
  tags: ["Authentication"],
  auth: "none",
  body: loginBody,
  response: tokenPairSchema.extend({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(Role) }),
  }),
  errors: {
    401: "Wrong e-mail or password (`UNAUTHORIZED`, the same answer for both), a wrong code, or no code for an account with two-factor authentication (`TOTP_REQUIRED`).",
    403: "The role requires two-factor authentication and the user has not set it up yet (`TWO_FACTOR_ENROLMENT_REQUIRED`).",
    429: "Too many failed attempts from this address, or at this company (`TOO_MANY_REQUESTS`). A locked account answers like a wrong password (401).",
  },
  handler: async ({ company, body, meta }) => {
    let user: Awaited<ReturnType<typeof verifyCredentials>>;
    try {
      user = await verifyCredentials(company.id, body, meta.ip);
    } catch (err) {
      if (err instanceof SecondFactorRequired) throw new RestError(401, "TOTP_REQUIRED", err.message);
      throw err;
    }
    if (user.mustEnrolTwoFactor) {
      throw new RestError(
        403,
        "TWO_FACTOR_ENROLMENT_REQUIRED",
        "Your role requires two-factor authentication. Sign in to the console and set it up, then use the API.",
      );
    }
    const tokens = await apiTokens.issue(company.id, user, meta);
    return { ...tokens, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  },
});

export const refresh = defineRoute({
  method: "POST",
  path: "/api/auth/refresh",
  summary: "Exchange a refresh token for a new token pair",
  description:
    "Each refresh token works once. Presenting one that was already exchanged ends the whole session: every access and refresh token issued from that sign-in stops working, and you must sign in again.",
  tags: ["Authentication"],
  auth: "none",
  body: refreshBody,
  response: tokenPairSchema,
  errors: {
    401: "The refresh token is unknown, expired or revoked, or was already used, which has now ended its session (`UNAUTHORIZED`).",
  },
  handler: async ({ company, body }) => apiTokens.refresh(company.id, body.refreshToken),
});

export const logout = defineRoute({
  method: "POST",
  path: "/api/auth/logout",
  summary: "End the session of a refresh token",
  description: "The refresh token and every access token issued to the same session stop working at once.",
  tags: ["Authentication"],
  auth: "none",
  body: refreshBody,
  status: 204,
  errors: { 401: "The refresh token is unknown (`UNAUTHORIZED`)." },
  handler: async ({ company, body }) => {
    await apiTokens.logout(company.id, body.refreshToken);
  },
});
