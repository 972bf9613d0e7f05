"""Schemathesis against a running Guichet server, as three people: a merchant administrator, a
merchant support user (another organisation) and a provider desk agent.

    python run.py URL PASSWORD

Each run is bounded in time. It fails on a server error, a response that breaks the document's
schema, content type or headers, a status the document does not list for the operation, or a
wrong answer to a method the path does not have. The data checks (accepting every schema-valid
body, refusing every invalid one) are left out: the ticket rules per category go further than
JSON Schema can say. Prints `N passed, N failed` over the runs.
"""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

PEOPLE = [
    "agent@easytransfert.demo",
    "support@paris-shop.demo",
    "admin@abidjan-shop.demo",
]
CHECKS = ",".join([
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "unsupported_method",
])
SECONDS_EACH = os.environ.get("GUICHET_CONTRACT_SECONDS", "60")


def sign_in(api, email, password):
    """The session cookie and CSRF token of a fresh session."""
    request = urllib.request.Request(
        f"{api}/auth/login",
        data=json.dumps({"email": email, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        cookie = response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
        me = json.load(response)
    return cookie, me["csrf_token"]


def main():
    url, password = sys.argv[1], sys.argv[2]
    api = f"{url}/api/v1"
    here = Path(__file__).parent
    schemathesis = Path(sys.executable).parent / "schemathesis"
    passed = failed = 0
    for email in PEOPLE:
        cookie, csrf = sign_in(api, email, password)
        print(f"\n=== schemathesis as {email}", flush=True)
        run = subprocess.run(
            [
                str(schemathesis), "--no-color",
                "--config-file", str(here / "schemathesis.toml"),
                "run", f"{api}/openapi.json",
                "--header", f"X-CSRF-Token: {csrf}",
                # Signing out or changing the password would end the session under test.
                "--exclude-operation-id", "logout",
                "--exclude-operation-id", "change_password",
                "--checks", CHECKS,
                "--max-examples", "20",
                "--max-time", SECONDS_EACH,
                "--workers", "2",
                "--seed", "1",
            ],
            env={**os.environ, "GUICHET_SESSION": cookie},
        )
        if run.returncode == 0:
            passed += 1
        else:
            failed += 1
    print(f"\ncontract: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
