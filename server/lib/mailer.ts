import { render } from "@react-email/components";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { env } from "./env";
import { newId } from "./ids";
import type { Scope } from "../modules/scope";

// The one way the product sends e-mail. Every message is kept in the company's outbox (super
// admins can read it); with RESEND_API_KEY set it is also delivered through Resend, otherwise
// it is printed to the server console so a developer can follow links.

export interface Mail {
  to: string;
  subject: string;
  body: ReactElement;
}

export async function sendMail(scope: Scope, mail: Mail): Promise<void> {
  const html = await render(mail.body);
  const text = await render(mail.body, { plainText: true });
  const apiKey = env().RESEND_API_KEY;
  await scope.tx.outboundEmail.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      to: mail.to,
      subject: mail.subject,
      html,
      text,
      provider: apiKey ? "resend" : "outbox",
    },
  });
  if (apiKey) {
    const { error } = await new Resend(apiKey).emails.send({
      from: env().MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      html,
      text,
    });
    if (error) throw new Error(`E-mail to ${mail.to} failed: ${error.message}`);
  } else if (env().NODE_ENV !== "test") {
    console.log(`[mail] to=${mail.to} subject="${mail.subject}"\n${text}\n`);
  }
}
