// Suggestions for currency, time zone and country fields, built on the server from the same
// Intl data the server validates against, and handed to client forms as plain props.

export interface Option {
  value: string;
  label: string;
}

export interface LocaleOptions {
  currencies: Option[];
  timeZones: Option[];
  countries: Option[];
}

const COUNTRIES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW".split(
    " ",
  );

let cached: LocaleOptions | undefined;

export function localeOptions(): LocaleOptions {
  if (cached) return cached;
  const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });
  const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
  const name = (names: Intl.DisplayNames, code: string) => {
    try {
      return names.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const zones = Array.from(new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])).sort();
  cached = {
    currencies: Intl.supportedValuesOf("currency").map((c) => ({ value: c, label: name(currencyNames, c) })),
    timeZones: zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") })),
    countries: COUNTRIES.map((c) => ({ value: c, label: name(regionNames, c) })).sort((a, b) =>
      a.label.localeCompare(b.label),
    ),
  };
  return cached;
}
