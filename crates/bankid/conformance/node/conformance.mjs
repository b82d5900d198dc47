// Drives the npm `bankid` package (class BankIdClientV6) against the BankID simulator.
//
// Usage: node conformance.mjs http://127.0.0.1:PORT/
//
// The package builds an axios instance for https://appapi2.test.bankid.com/rp/v6.0/ with its
// bundled test certificate (pfx) and CA; the instance is public, so only its baseURL is pointed
// at the simulator's plain-HTTP API. Nothing else in the package is changed. The "phone" is the
// simulator's control API, called with fetch.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { BankIdClientV6, BankIdError, QrGenerator } = require("bankid");

const base = process.argv[2];
if (!base) {
  console.error("usage: node conformance.mjs http://127.0.0.1:PORT/");
  process.exit(2);
}

const ERIK = "198511144571";
const ANNA = "199006292388";

const client = new BankIdClientV6({ production: false, refreshInterval: 50 });
client.axios.defaults.baseURL = new URL("rp/v6.0/", base).href;

async function control(path, body = {}) {
  const response = await fetch(new URL(path, base), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function assertEqual(actual, expected, what) {
  assert(
    actual === expected,
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
  );
}

async function expectBankIdError(promise, code) {
  try {
    await promise;
  } catch (error) {
    assert(error instanceof BankIdError, `expected BankIdError, got ${error}`);
    assertEqual(error.code, code, "errorCode");
    return;
  }
  throw new Error(`expected BankIdError ${code}, got success`);
}

const cases = {
  async "auth is pending until approved, then completes with the person"() {
    const order = await client.authenticate({ endUserIp: "192.0.2.30" });
    assert(order.orderRef && order.autoStartToken && order.qrStartToken, "order fields");
    assert(order.qr, "the V6 client made a QR generator");
    const pending = await client.collect({ orderRef: order.orderRef });
    assertEqual(pending.status, "pending", "status");
    assertEqual(pending.hintCode, "outstandingTransaction", "hintCode");
    await control(`control/orders/${order.orderRef}/approve`, { personalNumber: ERIK });
    const done = await client.awaitPendingCollect(order.orderRef);
    assertEqual(done.status, "complete", "status");
    assertEqual(done.completionData.user.personalNumber, ERIK, "personalNumber");
    assertEqual(done.completionData.user.name, "Erik Eriksson", "name");
    assertEqual(done.completionData.device.ipAddress, "192.0.2.30", "ipAddress");
  },

  async "sign completes and its signature holds the signed text"() {
    const text = "Jag skriver under ansökan om bygglov";
    const order = await client.sign({
      endUserIp: "192.0.2.31",
      userVisibleData: text,
      userNonVisibleData: "sha256:0123456789abcdef",
    });
    await control(`control/orders/${order.orderRef}/approve`, { personalNumber: ANNA });
    const done = await client.awaitPendingCollect(order.orderRef);
    assertEqual(done.completionData.user.personalNumber, ANNA, "personalNumber");
    const xml = Buffer.from(done.completionData.signature, "base64").toString("utf8");
    assert(xml.includes(Buffer.from(text).toString("base64")), "userVisibleData in signature");
    assert(
      xml.includes(Buffer.from("sha256:0123456789abcdef").toString("base64")),
      "userNonVisibleData in signature",
    );
    assert(done.completionData.ocspResponse.length > 0, "ocspResponse");
  },

  async "the package's animated QR code is accepted when scanned"() {
    const order = await client.authenticate({ endUserIp: "192.0.2.32" });
    const qrContent = await QrGenerator.latestQrFromCache(order.orderRef);
    assert(qrContent && qrContent.startsWith("bankid."), `qr content ${qrContent}`);
    const scanned = await control("control/qr", { qrContent });
    assertEqual(scanned.orderRef, order.orderRef, "scanned order");
    const done = await client.awaitPendingCollect(order.orderRef);
    assertEqual(done.status, "complete", "status");
  },

  async "a user cancel fails the order"() {
    const order = await client.authenticate({ endUserIp: "192.0.2.33" });
    await control(`control/orders/${order.orderRef}/fail`, { hintCode: "userCancel" });
    const failed = await client.collect({ orderRef: order.orderRef });
    assertEqual(failed.status, "failed", "status");
    assertEqual(failed.hintCode, "userCancel", "hintCode");
  },

  async "cancel answers and the order is then unknown"() {
    const order = await client.authenticate({ endUserIp: "192.0.2.34" });
    const answer = await client.cancel({ orderRef: order.orderRef });
    assertEqual(JSON.stringify(answer), "{}", "cancel answer");
    await expectBankIdError(client.collect({ orderRef: order.orderRef }), "invalidParameters");
  },

  async "a second order for the same person is alreadyInProgress"() {
    const request = { endUserIp: "192.0.2.35", requirement: { personalNumber: ANNA } };
    await client.authenticate(request);
    await expectBankIdError(client.authenticate(request), "alreadyInProgress");
  },
};

let passed = 0;
let failed = 0;
for (const [name, run] of Object.entries(cases)) {
  try {
    await run();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}: ${error?.stack ?? error}`);
  }
}
console.log(`node conformance: ${passed} passed, ${failed} failed`);
// The package's QR cache keeps a 60-second timer per order: do not wait for it.
process.exit(failed === 0 ? 0 : 1);
