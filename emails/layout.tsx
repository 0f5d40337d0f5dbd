import { Body, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export function EmailLayout({
  preview,
  heading,
  companyName,
  children,
}: {
  preview: string;
  heading: string;
  companyName: string;
  children: ReactNode;
}) {
  return (
    <Html>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "system-ui, sans-serif" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            padding: "24px",
            margin: "24px auto",
            maxWidth: "520px",
            borderRadius: "8px",
          }}
        >
          <Text style={{ color: "#4f46e5", fontWeight: 600, margin: 0 }}>{companyName}</Text>
          <Heading as="h1" style={{ fontSize: "20px" }}>
            {heading}
          </Heading>
          <Section>{children}</Section>
          <Text style={{ color: "#71717a", fontSize: "12px" }}>Sent by {companyName} through Lastmile.</Text>
        </Container>
      </Body>
    </Html>
  );
}
