import { Button, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export interface FollowUpLead {
  name: string;
  stage: string;
  due: string;
  url: string;
}

export function LeadFollowUpEmail({
  companyName,
  ownerName,
  leads,
  listUrl,
}: {
  companyName: string;
  ownerName: string;
  leads: FollowUpLead[];
  listUrl: string;
}) {
  const count = leads.length === 1 ? "1 lead is" : `${leads.length} leads are`;
  return (
    <EmailLayout
      preview={`${count} waiting for your follow-up`}
      heading="Follow-ups due today"
      companyName={companyName}
    >
      <Text>
        Hello {ownerName}, {count} waiting for your follow-up:
      </Text>
      <Section>
        {leads.map((l) => (
          <Text key={l.url}>
            <a href={l.url}>{l.name}</a> — {l.stage}, follow up since {l.due}
          </Text>
        ))}
      </Section>
      <Button
        href={listUrl}
        style={{ backgroundColor: "#4f46e5", color: "#fff", padding: "10px 16px", borderRadius: "6px" }}
      >
        Open follow-ups
      </Button>
    </EmailLayout>
  );
}
