import { protectedProcedure, router } from "../../api/trpc";
import * as companyExport from "./service";

// Settings → Company data export: all of the company's data as a ZIP (Super Admin only). A
// mutation because each download is audited.
export const companyExportRouter = router({
  download: protectedProcedure("company:export").mutation(({ ctx }) => companyExport.exportCompany(ctx.scope)),
});
