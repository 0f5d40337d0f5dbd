import { env } from "../../lib/env";
import { wrapAnswerKey } from "../subscriptions/radius-password";

// FreeRADIUS answers first logins from PostgreSQL (deploy/freeradius/mods-available/lastmile_sql):
// rlm_sql calls lastmile_radius_check() and lastmile_radius_reply() (migration
// 20261204080000_radius_sql_answers) with the company's RADIUS server key and the User-Name, and
// gets the same answer the API's authorize gives an ordinary PPPoE login, without an HTTP call.
// Anything else (vouchers, suspended or capped subscribers, unknown names) gets no rows there and
// is asked of the API as before.
//
// The functions do not work the answer out at each login: the database keeps it ready in
// RadiusAnswer (migration 20261205200000_radius_ready_answers), one row per login they may
// answer, made again by triggers whenever a subscription's status, username or package, its
// package's cap, its RADIUS password or its RadiusAttribute rows change (in the same statement:
// a suspension is seen by the very next login). Each function is then the key check and one
// index lookup, about the work of FreeRADIUS's own radcheck/radreply read
// (docs/BENCHMARKS.md, "RADIUS ingest").
//
// The passwords it hands out are the subscriptions' encrypted copies (RadiusPassword,
// subscriptions/radius-password.ts). A server key's answerKey, which opens them in the database,
// is set whenever the app has the key's secret in hand: when the key is made, and when it is
// presented to the API (for keys made before).
// Reading a password therefore takes a working RADIUS server key of that company (which already
// gets every password from the API's authorize) or APP_ENCRYPTION_KEY (which opens the sealed
// copies): nothing weaker than before.

/** RadiusServerKey's columns for the SQL answers, for a key whose secret is in hand. */
export function answerKeyFields(companyId: string, secret: string) {
  return {
    answerKey: wrapAnswerKey(companyId, secret),
    answerFreshSeconds: env().RADIUS_FRESH_LOGIN_SECONDS,
  };
}
