"""Drives PyPI pybankid (1.5, the v6 BankIDClient) against the BankID simulator.

Usage: python conformance.py http://127.0.0.1:PORT/

pybankid hard-codes the test service's https URL and builds an httpx client with the bundled
test certificate (cert + key PEM) and the BankID test root as its SSL context. The least
invasive redirection: construct it exactly as for BankID's test service, then point its
public-by-convention endpoint attributes (`api_url` and the `_*_endpoint` URLs, built with
urljoin in the base class) at the simulator's plain-HTTP API. Over http:// the client
certificate and SSL context are simply not used; every request still goes through pybankid's
own methods, payload building, base64 encoding, headers and error mapping.
"""

import base64
import json
import sys
import traceback
import urllib.request
from urllib.parse import urljoin

from bankid import BankIDClient
from bankid.certs import get_test_cert_and_key
from bankid.exceptions import AlreadyInProgressError, InvalidParametersError

ERIK = "198511144571"
ANNA = "199006292388"
KARIN = "200104172846"
PER = "194512313158"


def make_client(base: str) -> BankIDClient:
    cert, key = get_test_cert_and_key()
    client = BankIDClient(certificates=(str(cert), str(key)), test_server=True)
    api = urljoin(base, "rp/v6.0/")
    client.api_url = api
    client._auth_endpoint = urljoin(api, "auth")
    client._phone_auth_endpoint = urljoin(api, "phone/auth")
    client._sign_endpoint = urljoin(api, "sign")
    client._phone_sign_endpoint = urljoin(api, "phone/sign")
    client._collect_endpoint = urljoin(api, "collect")
    client._cancel_endpoint = urljoin(api, "cancel")
    return client


def control(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(
        urljoin(base, path),
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def equal(actual, expected, what: str) -> None:
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def approve_and_collect(base: str, client: BankIDClient, order_ref: str, person: dict) -> dict:
    control(base, f"control/orders/{order_ref}/approve", person)
    result = client.collect(order_ref)
    equal(result["status"], "complete", "status")
    return result["completionData"]


def case_auth(base, client):
    order = client.authenticate(end_user_ip="192.0.2.40")
    for field in ("orderRef", "autoStartToken", "qrStartToken", "qrStartSecret"):
        expect(order.get(field), f"missing {field}")
    pending = client.collect(order["orderRef"])
    equal(pending["status"], "pending", "status")
    equal(pending["hintCode"], "outstandingTransaction", "hintCode")
    data = approve_and_collect(base, client, order["orderRef"], {"personalNumber": ERIK})
    equal(data["user"]["personalNumber"], ERIK, "personalNumber")
    equal(data["user"]["givenName"], "Erik", "givenName")
    equal(data["device"]["ipAddress"], "192.0.2.40", "ipAddress")


def case_sign(base, client):
    text = "Jag skriver under min ansökan om färdtjänst"
    order = client.sign(
        end_user_ip="192.0.2.41",
        user_visible_data=text,
        user_non_visible_data="sha256:feedface",
        user_visible_data_format="simpleMarkdownV1",
    )
    data = approve_and_collect(base, client, order["orderRef"], {"personalNumber": ANNA})
    xml = base64.b64decode(data["signature"]).decode("utf-8")
    expect(base64.b64encode(text.encode()).decode() in xml, "userVisibleData in signature")
    expect(base64.b64encode(b"sha256:feedface").decode() in xml, "userNonVisibleData in signature")


def case_phone_auth(base, client):
    order = client.phone_authenticate(personal_number=KARIN, call_initiator="RP")
    data = approve_and_collect(base, client, order["orderRef"], {})
    equal(data["user"]["personalNumber"], KARIN, "personalNumber")


def case_phone_sign(base, client):
    order = client.phone_sign(
        personal_number=ERIK, call_initiator="user", user_visible_data="Jag bekräftar"
    )
    data = approve_and_collect(base, client, order["orderRef"], {})
    equal(data["user"]["name"], "Erik Eriksson", "name")


def case_cancel(base, client):
    order = client.authenticate(end_user_ip="192.0.2.42")
    equal(client.cancel(order["orderRef"]), True, "cancel answer is {}")
    try:
        client.collect(order["orderRef"])
    except InvalidParametersError:
        return
    raise AssertionError("collect after cancel should be invalidParameters")


def case_already_in_progress(base, client):
    client.phone_authenticate(personal_number=PER, call_initiator="user")
    try:
        client.phone_authenticate(personal_number=PER, call_initiator="user")
    except AlreadyInProgressError:
        return
    raise AssertionError("a second order for the same person should be alreadyInProgress")


def case_user_cancel(base, client):
    order = client.sign(end_user_ip="192.0.2.43", user_visible_data="Avbryts")
    control(base, f"control/orders/{order['orderRef']}/fail", {"hintCode": "userCancel"})
    result = client.collect(order["orderRef"])
    equal(result["status"], "failed", "status")
    equal(result["hintCode"], "userCancel", "hintCode")


CASES = [
    ("auth is pending until approved, then completes", case_auth),
    ("sign completes and its signature holds the signed data", case_sign),
    ("phone auth completes for the called person", case_phone_auth),
    ("phone sign completes for the calling person", case_phone_sign),
    ("cancel answers {} and the order is then unknown", case_cancel),
    ("a second order for the same person is alreadyInProgress", case_already_in_progress),
    ("a user cancel fails the order", case_user_cancel),
]


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python conformance.py http://127.0.0.1:PORT/", file=sys.stderr)
        return 2
    base = sys.argv[1]
    client = make_client(base)
    passed = failed = 0
    for name, run in CASES:
        try:
            run(base, client)
            passed += 1
            print(f"ok - {name}")
        except Exception:  # noqa: BLE001 - report every failure and go on
            failed += 1
            print(f"not ok - {name}: {traceback.format_exc()}")
    print(f"python conformance: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
