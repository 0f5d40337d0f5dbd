import type { RouterOutputs } from "../types";

// What the customers and leads procedures return, for client components (types only).
export type CustomerRow = RouterOutputs["customers"]["list"]["rows"][number];
export type CustomerDetail = RouterOutputs["customers"]["get"];
export type TimelineEntry = RouterOutputs["customers"]["timeline"][number];
export type ImportReport = RouterOutputs["customers"]["importCsv"];
export type LeadRow = RouterOutputs["leads"]["list"]["rows"][number];
export type LeadDetail = RouterOutputs["leads"]["get"];
export type LeadOptions = RouterOutputs["leads"]["options"];
