import type { AddressInfo } from "node:net";
import { createElement } from "react";
import { SMTPServer } from "smtp-server";
import { log as logger } from "./log";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { VerifyEmail } from "../../emails/verify-email";
import { withTenant } from "../db/tenant";
import { anonymousCaller, callerAs, makeCompany, makeUser } from "../test/fixtures";
import { fakeResend, linkToken, mailsTo } from "../test/mail";
import { failure, outboxOf } from "../test/trpc";
import { resetEnvCache } from "./env";
import { MASK, sendMail } from "./mailer";

// What the outbox keeps of an e-mail, and when and how the e-mail reaches the provider (the real
// Resend SDK against this file's fake Resend, server/test/fake-resend.ts).

let co: Awaited<ReturnType<typeof makeCompany>>;
let admin: Awaited<ReturnType<typeof callerAs>>;
const visitor = () => anonymousCaller(co.company);
const keptFor = async (to: string) => (await outboxOf(co.company.id)).filter((m) => m.to === to);

beforeAll(async () => {
  co = await makeCompany("mailer-isp", "Mailer ISP");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
});

afterEach(() => {
  fakeResend().refuse = null;
  fakeResend().onSend = null;
});

describe("the outbox", () => {
  it("keeps a reset e-mail whose link does not work; the delivered link does", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "kept@mailer.test" });
    await visitor().auth.passwordReset.request({ email: user.email });
    const [kept] = await keptFor(user.email);
    const [delivered] = mailsTo(user.email);
    expect(kept).toMatchObject({ subject: delivered.subject, status: "SENT", provider: "resend" });
    const token = linkToken(delivered.text, "reset-password");
    expect(kept.text).toBe(delivered.text.replaceAll(token, MASK));
    expect(kept.html).toBe(delivered.html.replaceAll(token, MASK));
    expect(kept.text + kept.html).not.toContain(token);

    // What a reader of the outbox could try: the link as it is kept there.
    const keptLink = /\/reset-password\/(\S+)/.exec(kept.text)![1];
    expect(keptLink).toBe(MASK);
    expect(
      (await failure(visitor().auth.passwordReset.reset({ token: keptLink, password: "Taken-over-2026" }))).code,
    ).toMatch(/BAD_REQUEST|UNPROCESSABLE_CONTENT/);
    await visitor().auth.passwordReset.reset({ token, password: "Owner-chose-2026" });
  });

  it("keeps an invitation without its token; a second invitation is a new link, and only it works", async () => {
    await admin.users.invite({ email: "hire@mailer.test", name: "New Hire", role: "FIELD_TECHNICIAN" });
    const firstToken = linkToken(mailsTo("hire@mailer.test")[0].text, "invite");
    await admin.users.invite({ email: "hire@mailer.test", name: "New Hire", role: "FIELD_TECHNICIAN" });
    const secondToken = linkToken(mailsTo("hire@mailer.test")[0].text, "invite");
    expect(secondToken).not.toBe(firstToken);
    for (const kept of await keptFor("hire@mailer.test")) {
      expect(kept.text).toContain(`/invite/${MASK}`);
      expect(kept.text + kept.html).not.toContain(firstToken);
      expect(kept.text + kept.html).not.toContain(secondToken);
    }
    expect(await visitor().users.peekInvitation({ token: firstToken })).toBeNull();
    expect(await visitor().users.peekInvitation({ token: secondToken })).toMatchObject({ email: "hire@mailer.test" });
  });

  it("refuses a secret the message does not contain, so a wrong value cannot leave the real one in clear", async () => {
    await expect(
      withTenant(co.company.id, (tx) =>
        sendMail(
          { tx, companyId: co.company.id, actor: { type: "SYSTEM" } },
          {
            to: "wrong@mailer.test",
            subject: "Confirm",
            body: createElement(VerifyEmail, {
              companyName: "Mailer ISP",
              name: "W",
              url: "https://x.test/verify-email/abc",
            }),
            secrets: ["not-in-this-message-at-all"],
          },
        ),
      ),
    ).rejects.toThrow(/is not in it/);
    expect(await keptFor("wrong@mailer.test")).toEqual([]);
    expect(mailsTo("wrong@mailer.test")).toEqual([]);
  });
});

describe("delivery", () => {
  it("happens after the change is committed", async () => {
    const seen: string[] = [];
    fakeResend().onSend = async (mail) => {
      // Another connection already sees the committed invitation and its queued e-mail.
      const [row] = await keptFor(mail.to[0]);
      const invitations = await withTenant(co.company.id, (tx) =>
        tx.invitation.count({ where: { email: mail.to[0] } }),
      );
      seen.push(`${row?.status} ${invitations}`);
    };
    await admin.users.invite({ email: "committed@mailer.test", name: "Committed", role: "CUSTOMER" });
    expect(seen).toEqual(["QUEUED 1"]);
    expect((await keptFor("committed@mailer.test"))[0]).toMatchObject({ status: "SENT", sentAt: expect.any(Date) });
  });

  it("sends nothing for a change that rolls back", async () => {
    const user = await makeUser(co.company.id, "CUSTOMER", { email: "rollback@mailer.test" });
    await expect(
      withTenant(co.company.id, async (tx) => {
        await sendMail(
          { tx, companyId: co.company.id, actor: { type: "SYSTEM" } },
          {
            to: user.email,
            subject: "Confirm your e-mail",
            body: createElement(VerifyEmail, {
              companyName: "Mailer ISP",
              name: "R",
              url: "https://x.test/verify-email/abc",
            }),
          },
        );
        throw new Error("the change failed after the e-mail was written");
      }),
    ).rejects.toThrow(/the change failed/);
    expect(mailsTo(user.email)).toEqual([]);
    expect(await keptFor(user.email)).toEqual([]);
  });

  it("a provider that refuses does not undo the invitation: the outbox says FAILED and why; inviting again sends a new link", async () => {
    fakeResend().refuse = { statusCode: 403, message: "The mailer-isp.test domain is not verified." };
    const errors = vi.spyOn(logger, "error");
    const invited = await admin.users.invite({ email: "refused@mailer.test", name: "Refused", role: "CUSTOMER" });
    errors.mockRestore();
    expect((await admin.users.invitations()).map((i) => i.id)).toContain(invited.id);
    expect(mailsTo("refused@mailer.test")).toEqual([]);
    expect((await keptFor("refused@mailer.test"))[0]).toMatchObject({
      status: "FAILED",
      failure: "The mailer-isp.test domain is not verified.",
      sentAt: null,
    });

    fakeResend().refuse = null;
    await admin.users.invite({ email: "refused@mailer.test", name: "Refused", role: "CUSTOMER" });
    const token = linkToken(mailsTo("refused@mailer.test")[0].text, "invite");
    expect(await visitor().users.peekInvitation({ token })).toMatchObject({ email: "refused@mailer.test" });
  });
});

describe("without a provider", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ["NODE_ENV", "RESEND_API_KEY", "AUTH_SECRET", "APP_ENCRYPTION_KEY"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetEnvCache();
    vi.restoreAllMocks();
  });
  const withoutProvider = (nodeEnv: "development" | "production") => {
    delete process.env.RESEND_API_KEY;
    Object.assign(process.env, {
      NODE_ENV: nodeEnv,
      AUTH_SECRET: "mailer-test-auth-secret-0123456789",
      APP_ENCRYPTION_KEY: "mailer-test-encryption-key-0123456789",
    });
    resetEnvCache();
  };
  const printed = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map((c) => c.join(" ")).join("\n");

  it("development prints the real link to the server console, and the outbox still masks it", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "dev@mailer.test" });
    withoutProvider("development");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await visitor().auth.passwordReset.request({ email: user.email });
    const token = linkToken(printed(log), "reset-password");
    const [kept] = await keptFor(user.email);
    expect(kept).toMatchObject({ status: "NOT_SENT", provider: "outbox" });
    expect(kept.text).not.toContain(token);
    await visitor().auth.passwordReset.reset({ token, password: "Developer-2026" });
    expect(mailsTo(user.email)).toEqual([]);
  });

  it("production prints no message and no link, only what to set", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "prod@mailer.test" });
    withoutProvider("production");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const warn = vi.spyOn(logger, "warn");
    await visitor().auth.passwordReset.request({ email: user.email });
    expect(printed(log)).not.toContain("reset-password");
    // The structured log says what to set, and names the message by its id, not by its address.
    const warned = JSON.stringify(warn.mock.calls);
    expect(warned).toMatch(/e-mail not delivered: set SMTP_URL or RESEND_API_KEY/);
    expect(warned).not.toContain("prod@mailer.test");
    expect(warned).not.toContain("reset-password");
    expect((await keptFor(user.email))[0]).toMatchObject({ status: "NOT_SENT" });
  });
});

describe("through SMTP (SMTP_URL, as to Mailpit)", () => {
  // A real SMTP server on a loopback port, started here: what it received, as sent on the wire.
  const received: { from: string; to: string[]; raw: string }[] = [];
  let refuse: string | null = null;
  let server: SMTPServer;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refuse) return callback(Object.assign(new Error(refuse), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        let raw = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (raw += chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterEach(() => {
    refuse = null;
    for (const name of ["SMTP_URL", "MAIL_FROM"]) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    resetEnvCache();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const useSmtp = () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    process.env.MAIL_FROM = "Mailer ISP <no-reply@mailer.test>";
    resetEnvCache();
  };
  /** The message body as a reader sees it: quoted-printable soft breaks and escapes undone. */
  const readable = (raw: string) =>
    raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

  it("delivers to the SMTP server instead of Resend, with the working link; the outbox says smtp, SENT", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "smtp@mailer.test" });
    useSmtp();
    await visitor().auth.passwordReset.request({ email: user.email });
    const [kept] = await keptFor(user.email);
    expect(kept).toMatchObject({ status: "SENT", provider: "smtp" });
    const mail = received.find((m) => m.to.includes(user.email))!;
    expect(mail.from).toBe("no-reply@mailer.test");
    expect(mail.raw).toMatch(new RegExp(`^Message-ID: <${kept.id}@lastmile>`, "mi"));
    expect(mail.raw).toMatch(new RegExp(`^Subject: ${kept.subject}`, "m"));
    const token = linkToken(readable(mail.raw), "reset-password");
    expect(kept.text).not.toContain(token);
    expect(mailsTo(user.email), "nothing went to Resend").toEqual([]);
    await visitor().auth.passwordReset.reset({ token, password: "Smtp-delivered-2026" });
  });

  it("a refusal by the SMTP server is kept in the outbox as FAILED with the server's words", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "bounce@mailer.test" });
    useSmtp();
    refuse = "Mailbox unavailable";
    await visitor().auth.passwordReset.request({ email: user.email });
    const [kept] = await keptFor(user.email);
    expect(kept).toMatchObject({
      status: "FAILED",
      provider: "smtp",
      failure: expect.stringMatching(/Mailbox unavailable/),
    });
  });
});
