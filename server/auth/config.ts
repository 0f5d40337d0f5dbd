import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DomainError } from "../lib/errors";
import { env } from "../lib/env";
import { slugFromHost } from "../lib/urls";
import { findBySlug } from "../modules/companies/service";
import { verifyOperator } from "../modules/platform/service";
import { SecondFactorRequired, verifyCredentials } from "../modules/auth/credentials";
import * as sessions from "../modules/auth/sessions";
import { requestMeta } from "./request-meta";
import { log } from "../lib/log";

// Auth.js keeps the browser session in an httpOnly cookie (host-only, so per subdomain). The
// cookie's JWT carries only our session id and company id; every request re-checks that row
// (server/auth/viewer.ts), so sign-out, revoke and password changes take effect at once.

class SignInFailed extends CredentialsSignin {
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export const PLATFORM_SESSION = "platform";

declare module "next-auth" {
  interface User {
    sid?: string;
    cid?: string;
  }
}

// Lazy configuration: the secret is read on the first request, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  // A wrong password is not a server error: keep the log for real failures.
  logger: { error: (err) => void (err.name === "CredentialsSignin" || log.error({ err }, "sign-in failed")) },
  secret: env().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 86_400 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, totp: {}, recoveryCode: {} },
      async authorize(credentials, request) {
        const slug = slugFromHost(request.headers.get("host"));
        const company = slug ? await findBySlug(slug) : null;
        if (!company) throw new SignInFailed("no_company", "Sign in on your company's address.");
        const meta = requestMeta(request.headers);
        try {
          const user = await verifyCredentials(
            company.id,
            {
              email: String(credentials.email ?? ""),
              password: String(credentials.password ?? ""),
              totp: credentials.totp ? String(credentials.totp) : undefined,
              recoveryCode: credentials.recoveryCode ? String(credentials.recoveryCode) : undefined,
            },
            meta.ip,
          );
          const session = await sessions.create(company.id, user.id, "WEB", meta);
          return { id: user.id, email: user.email, name: user.name, sid: session.id, cid: company.id };
        } catch (err) {
          if (err instanceof SecondFactorRequired) throw new SignInFailed("totp_required", err.message);
          // The sign-in form shows `code` as the message (server/auth/sign-in.ts).
          if (err instanceof DomainError) throw new SignInFailed(err.message, err.message);
          if (err instanceof Error && err.name === "ZodError")
            throw new SignInFailed("E-mail or password is incorrect.", "invalid");
          throw err;
        }
      },
    }),
    // The SaaS operator signs in on the root domain only; the cookie is host-only, so it never
    // reaches a company's subdomain. cid "platform" marks the operator's session.
    Credentials({
      id: "platform",
      credentials: { email: {}, password: {}, totp: {}, recoveryCode: {} },
      async authorize(credentials, request) {
        if (slugFromHost(request.headers.get("host")) !== null)
          throw new SignInFailed("Operators sign in on the main site.", "wrong_host");
        try {
          const operator = await verifyOperator(
            {
              email: String(credentials.email ?? ""),
              password: String(credentials.password ?? ""),
              totp: credentials.totp ? String(credentials.totp) : undefined,
              recoveryCode: credentials.recoveryCode ? String(credentials.recoveryCode) : undefined,
            },
            requestMeta(request.headers).ip,
          );
          return { id: operator.id, email: operator.email, name: operator.name, cid: PLATFORM_SESSION };
        } catch (err) {
          if (err instanceof SecondFactorRequired) throw new SignInFailed("totp_required", err.message);
          if (err instanceof DomainError) throw new SignInFailed(err.message, err.message);
          if (err instanceof Error && err.name === "ZodError")
            throw new SignInFailed("E-mail or password is incorrect.", "invalid");
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sid = user.sid;
        token.cid = user.cid;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: token.sid as string | undefined, cid: token.cid as string | undefined };
    },
  },
}));
