import { describe, expect, it } from "vitest";
import { listParams } from "../data-list/list-params";
import { guessMapping } from "./statement-columns";
import { transferProofsListInput } from "./transfer-proofs-query";

describe("guessing a bank statement's columns", () => {
  it("finds the usual names, value date and credit first", () => {
    const headers = ["Transaction Date", "Value Date", "Narrative", "Debit", "Credit", "Ref No", "Balance"];
    expect(guessMapping(headers, [{ "Value Date": "03/12/2026" }])).toEqual({
      date: "Value Date",
      amount: "Credit",
      reference: "Ref No",
      description: "Narrative",
      dateFormat: "DD/MM/YYYY",
    });
  });
  it("takes a plain Date / Amount / Reference / Description file as ISO dates", () => {
    const headers = ["Date", "Description", "Amount", "Reference"];
    expect(guessMapping(headers, [{ Date: "2026-12-03" }])).toEqual({
      date: "Date",
      amount: "Amount",
      reference: "Reference",
      description: "Description",
      dateFormat: "YYYY-MM-DD",
    });
  });
  it("leaves a column empty rather than guessing one already used or unrelated", () => {
    expect(guessMapping(["When", "How much"], [])).toEqual({
      date: "",
      amount: "",
      reference: "",
      description: "",
      dateFormat: "YYYY-MM-DD",
    });
  });
});

describe("the proofs of transfer queue's URL", () => {
  it("shows what waits for review unless told otherwise", () => {
    expect(transferProofsListInput(listParams({}))).toEqual({ page: 1, pageSize: 25, status: "SUBMITTED" });
    expect(transferProofsListInput(listParams({ status: "ALL", page: "2" }))).toEqual({
      page: 2,
      pageSize: 25,
      status: undefined,
    });
    expect(transferProofsListInput(listParams({ status: "REJECTED" })).status).toBe("REJECTED");
    expect(transferProofsListInput(listParams({ status: "bogus" })).status).toBe("SUBMITTED");
  });
});
