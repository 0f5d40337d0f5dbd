import { createElement } from "react";
import { NotificationEmail } from "../../../emails/notification";
import type { DunningChannel, DunningNoticeKind, SmsTemplateKey } from "../../db/generated/prisma/enums";
import { Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as notifications from "../notifications/service";
import type { Scope } from "../scope";
import * as sms from "../sms/service";
import type { Placeholder } from "../sms/templates";

// Every message dunning sends to a customer goes through notify(): the notice's key is claimed in
// DunningNotice first (a unique index), so a job that runs twice, or two at once, sends it once.

export const ALL_CHANNELS: DunningChannel[] = ["EMAIL", "SMS", "PORTAL"];
export const PORTAL_PATH = "/portal";

export interface Notice {
  kind: DunningNoticeKind;
  key: string;
  customerId: string;
  channels: DunningChannel[];
  subject: string;
  /** The e-mail and portal text. */
  text: string;
  sms: { template: SmsTemplateKey; values: Partial<Record<Placeholder, string>> };
  invoiceId?: string;
  offsetDays?: number;
}

export async function recipientOf(scope: Scope, customerId: string) {
  const [customer, company] = [
    await scope.tx.customer.findUniqueOrThrow({
      where: { id: customerId },
      select: {
        id: true,
        accountNumber: true,
        firstName: true,
        lastName: true,
        businessName: true,
        email: true,
        phone: true,
        userId: true,
      },
    }),
    await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true, slug: true } }),
  ];
  const name = customer.firstName || customer.businessName || `customer ${customer.accountNumber}`;
  return { customer, company, name, portalUrl: companyUrl(company.slug, PORTAL_PATH) };
}

/** Sends the notice on each of its channels the customer can be reached on; false when already sent. */
export async function notify(scope: Scope, notice: Notice): Promise<boolean> {
  const { customer, company, name, portalUrl } = await recipientOf(scope, notice.customerId);
  const reachable = notice.channels.filter((c) =>
    c === "EMAIL" ? !!customer.email : c === "PORTAL" ? !!customer.userId : !!customer.phone,
  );
  const smsOn = reachable.includes("SMS") && (await sms.isEnabled(scope));
  const channels = reachable.filter((c) => c !== "SMS" || smsOn);
  const claimed = await scope.tx.dunningNotice.createMany({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: customer.id,
      kind: notice.kind,
      key: notice.key,
      invoiceId: notice.invoiceId ?? null,
      offsetDays: notice.offsetDays ?? null,
      channels,
      summary: notice.subject,
    },
    skipDuplicates: true,
  });
  if (claimed.count === 0) return false;

  if (channels.includes("EMAIL"))
    await sendMail(scope, {
      to: customer.email!,
      subject: notice.subject,
      body: createElement(NotificationEmail, {
        companyName: company.name,
        recipientName: name,
        title: notice.subject,
        body: notice.text,
        url: portalUrl,
      }),
    });
  if (channels.includes("PORTAL"))
    await notifications.notify(scope, {
      userIds: [customer.userId!],
      kind: `dunning.${notice.kind.toLowerCase()}`,
      title: notice.subject,
      body: notice.text,
      link: PORTAL_PATH,
    });
  if (channels.includes("SMS")) {
    try {
      await sms.send(scope, {
        to: customer.phone!,
        key: `dunning:${notice.key}`,
        template: notice.sms.template,
        values: {
          firstName: name,
          accountNumber: String(customer.accountNumber),
          companyName: company.name,
          link: portalUrl,
          ...notice.sms.values,
        },
      });
    } catch (err) {
      // A number SMS cannot reach is refused before anything is written: the other channels still went.
      if (!(err instanceof Invalid)) throw err;
      await scope.tx.dunningNotice.update({
        where: { companyId_key: { companyId: scope.companyId, key: notice.key } },
        data: { channels: channels.filter((c) => c !== "SMS") },
      });
    }
  }
  return true;
}
