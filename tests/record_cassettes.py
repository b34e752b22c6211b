"""Re-record cassettes/ (run by `nox -s record`; never by the tests, which replay with record mode "none").

--target sandbox   one cassette per documented response example of every operation, recorded from the Prism
                   sandbox (which `nox -s record` starts) by asking it for each status and example with `Prefer`;
                   and the 17 real demo-API recordings of tests/data/peer converted to cassettes.
--target demo-api  the real demo API, with FRONTPAYMENT_TOKEN: the documented examples sent for real, into
                   cassettes/demo-api/. Opt-in: it creates orders on the demo account.

Every cassette is scrubbed by the SDK's redactor (tokens, personal numbers, phones, e-mails, names, streets).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cassettes_config import CASSETTES, SECRET_HEADERS, make_vcr, scrub_response
from vcr.request import Request

from frontpayment_ext import FrontpaymentClient, FrontpaymentError, KatsuPayClient
from frontpayment_ext._surface import OPERATIONS
from frontpayment_ext.specs import load_spec

PEER = Path(__file__).resolve().parent / "data" / "peer" / "frontgo_interactions.json"
ORDER_UUID = "ODR2005869234"
INVOICE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def documented_request(op: dict[str, Any]) -> dict[str, Any] | None:
    body = op.get("requestBody")
    if body is None:
        return None
    value: dict[str, Any] = body["content"]["application/json"]["examples"]["documented"]["value"]
    return value


def response_examples(doc: dict[str, Any], response: dict[str, Any]) -> list[str]:
    if "$ref" in response:
        response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    return list(response.get("content", {}).get("application/json", {}).get("examples", {}))


def arguments(op_id: str, payload: dict[str, Any] | None) -> tuple[list[Any], dict[str, Any]]:
    """How a user calls an operation with a documented body: path parameters first, then the body (or, for a flat
    body, its fields as keywords). Shared with tests/test_client_cassettes.py, which replays what this recorded."""
    op = OPERATIONS[op_id]
    args: list[Any] = [ORDER_UUID for _ in op.path_params]
    kwargs: dict[str, Any] = {}
    if op.body_fields:
        by_wire = {wire: py for py, wire in op.body_fields}
        kwargs = {by_wire[k]: v for k, v in (payload or {}).items()}
    elif payload is not None:
        args.append(payload)
    return args, kwargs


def call(client: FrontpaymentClient, op_id: str, payload: dict[str, Any] | None) -> None:
    args, kwargs = arguments(op_id, payload)
    try:
        getattr(client, op_id)(*args, **kwargs, validate=False)
    except FrontpaymentError as exc:
        print(f"    -> {type(exc).__name__}")
    else:
        print("    -> success")


def record_sandbox(base_url: str) -> int:
    doc = load_spec("frontpayment")
    target = CASSETTES / "sandbox"
    shutil.rmtree(target, ignore_errors=True)
    recorder = make_vcr("all")
    count = 0
    for item in doc["paths"].values():
        for op in item.values():
            op_id, payload = op["operationId"], documented_request(op)
            for status, response in op["responses"].items():
                for example in response_examples(doc, response):
                    path = f"sandbox/{op_id}/{status}-{example}.yaml"
                    print(f"  {path}")
                    headers = {"Prefer": f"code={status}, example={example}"}
                    with (
                        recorder.use_cassette(path),
                        FrontpaymentClient(
                            "sandbox-token", base_url=base_url, default_headers=headers, max_retries=0
                        ) as client,
                    ):
                        call(client, op_id, payload)
                    count += 1
    return count


def record_katsupay(base_url: str) -> int:
    doc = load_spec("katsupay")
    op = doc["paths"]["/api/v1/Invoice/getbyId"]["get"]
    recorder = make_vcr("all")
    count = 0
    for status, response in op["responses"].items():
        for example in response.get("content", {}).get("application/json", {}).get("examples", {None: None}):
            path = f"sandbox/katsupay/get_invoice/{status}{'-' + example if example else ''}.yaml"
            print(f"  {path}")
            prefer = f"code={status}" + (f", example={example}" if example else "")
            with (
                recorder.use_cassette(path),
                KatsuPayClient(
                    base_url,
                    token="sandbox-token",
                    api_key="sandbox-key",
                    max_retries=0,
                    default_headers={"Prefer": prefer},
                ) as client,
            ):
                try:
                    client.get_invoice(INVOICE_ID)
                except FrontpaymentError as exc:
                    print(f"    -> {type(exc).__name__}")
            count += 1
    return count


def convert_peer() -> int:
    """Write each real recording as a cassette, as vcrpy would have recorded it, scrubbed."""
    target = CASSETTES / "peer"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    recorder = make_vcr("none")
    for i, rec in enumerate(json.loads(PEER.read_text(encoding="utf-8")), start=1):
        body = rec["request_body"]
        request_body = json.dumps(body).encode() if body not in ("", None) else None
        headers = {"Accept": ["application/json"]}
        if request_body is not None:
            headers["Content-Type"] = ["application/json"]
        request = recorder.before_record_request(Request(rec["method"], rec["uri"], request_body, headers))
        response = scrub_response(
            {
                "status": {"code": rec["status"], "message": ""},
                "headers": {k: [v] for k, v in rec["response_headers"].items() if k.lower() not in SECRET_HEADERS},
                "body": {"string": json.dumps(rec["response_body"]).encode()},
            }
        )
        cassette = {
            "interactions": [
                {
                    "request": {**request._to_dict(), "body": request.body.decode() if request.body else None},
                    "response": {**response, "body": {"string": response["body"]["string"].decode()}},
                }
            ],
            "version": 1,
        }
        name = f"{i:02d}_{rec['cassette'].removesuffix('.yml')}.yaml"
        (target / name).write_text(yaml.safe_dump(cassette, sort_keys=False, allow_unicode=True), encoding="utf-8")
        print(f"  peer/{name}")
    return i


def record_demo_api() -> int:
    doc = load_spec("frontpayment")
    recorder = make_vcr("all")
    count = 0
    with FrontpaymentClient(max_retries=0) as client:
        for item in doc["paths"].values():
            for op in item.values():
                path = f"demo-api/{op['operationId']}.yaml"
                print(f"  {path}")
                with recorder.use_cassette(path):
                    call(client, op["operationId"], documented_request(op))
                count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=["sandbox", "demo-api"], default="sandbox")
    parser.add_argument("--base-url", default="http://127.0.0.1:4010")
    parser.add_argument("--katsupay-url", default="http://127.0.0.1:4011")
    args = parser.parse_args()
    if args.target == "demo-api":
        print(f"recorded {record_demo_api()} cassettes from the demo API")
        return 0
    print(f"recorded {record_sandbox(args.base_url)} cassettes from the sandbox")
    print(f"recorded {record_katsupay(args.katsupay_url)} Katsu Pay cassettes from its sandbox")
    print(f"converted {convert_peer()} real recordings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
