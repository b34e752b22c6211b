"""How cassettes are recorded and replayed: one vcrpy configuration for the recorder and the tests.

Everything written to a cassette goes through the SDK's own redactor (tokens, personal numbers, phone numbers,
e-mail addresses, names and streets), and POSTs are matched on their JSON bodies compared after that same
redaction, so a replay checks what the SDK sends without the cassette holding personal data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import vcr

from frontpayment_ext.redaction import DEFAULT_REDACTOR

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
SCRUB = DEFAULT_REDACTOR.with_names()
SECRET_HEADERS = ["authorization", "apikey", "cookie", "set-cookie"]


def _scrub_body(body: Any) -> Any:
    if not body:
        return body
    raw = body if isinstance(body, bytes) else str(body).encode()
    try:
        data = json.loads(raw)
    except ValueError:
        return SCRUB.text(raw.decode("utf-8", "replace")).encode()
    return json.dumps(SCRUB(data), ensure_ascii=False).encode()


def scrub_request(request: Any) -> Any:
    request.body = _scrub_body(request.body)
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    response["body"]["string"] = _scrub_body(response["body"]["string"])
    for name in list(response["headers"]):
        if name.lower() in SECRET_HEADERS:
            del response["headers"][name]
    return response


def _json_or_bytes(body: Any) -> Any:
    if not body:
        return None
    raw = body if isinstance(body, bytes) else str(body).encode()
    try:
        return SCRUB(json.loads(raw))
    except ValueError:
        return raw


def redacted_json_body(r1: Any, r2: Any) -> None:
    """vcrpy matcher: the two bodies are the same JSON once redacted (key order and spacing do not matter)."""
    assert _json_or_bytes(r1.body) == _json_or_bytes(r2.body), "request bodies differ"


def make_vcr(record_mode: str = "none", library: Path = CASSETTES) -> vcr.VCR:
    """The project's VCR: record mode "none" unless the recorder asks otherwise."""
    recorder = vcr.VCR(
        cassette_library_dir=str(library),
        record_mode=record_mode,
        filter_headers=SECRET_HEADERS,
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        match_on=["method", "scheme", "host", "port", "path", "query", "redacted_json_body"],
        decode_compressed_response=True,
    )
    recorder.register_matcher("redacted_json_body", redacted_json_body)
    return recorder
