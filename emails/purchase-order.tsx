import { Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

/** A purchase order to a supplier, with the order as a PDF attached. */
export function PurchaseOrderEmail({
  companyName,
  supplierName,
  number,
  lines,
  total,
  expectedOn,
}: {
  companyName: string;
  supplierName: string;
  number: string;
  lines: number;
  total: string;
  expectedOn: string | null;
}) {
  return (
    <EmailLayout
      preview={`Purchase order ${number} from ${companyName}`}
      heading={`Purchase order ${number}`}
      companyName={companyName}
    >
      <Text>Hello {supplierName},</Text>
      <Text>
        Please supply the goods on our purchase order {number}, attached as a PDF. Quote the order number on the
        delivery note and the invoice.
      </Text>
      <Section style={{ backgroundColor: "#f4f4f5", borderRadius: "6px", padding: "8px 16px" }}>
        <Text style={{ margin: "4px 0" }}>Lines: {lines}</Text>
        <Text style={{ margin: "4px 0", fontWeight: 600 }}>Order total: {total}</Text>
        {expectedOn ? <Text style={{ margin: "4px 0" }}>Wanted by: {expectedOn}</Text> : null}
      </Section>
      <Text>Thank you.</Text>
    </EmailLayout>
  );
}
