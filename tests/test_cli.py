"""The `frontpayment` command: exit codes, one line per problem, --json everywhere, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cassettes_config import make_vcr
from test_spec_rules import CASES, EHF, INVOICE, SESSION, documented

from frontpayment_ext.cli import main

VCR = make_vcr()


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(argv, out=out)
    return code, out.getvalue(), capsys.readouterr().err


def write(tmp_path: Path, payload: Any, name: str = "order.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("endpoint", "component"), [("invoice", INVOICE), ("ehf", EHF)])
def test_validate_accepts_the_documents_examples(
    endpoint: str, component: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["validate", "--endpoint", endpoint, write(tmp_path, documented(component))], capsys)
    assert (code, err) == (0, "")
    assert out == f"valid {endpoint} payload\n"


def test_validate_names_each_violation_on_its_own_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = documented(INVOICE)
    payload["customerDetails"]["personalNumber"] = "12345"
    payload["products"]["0"]["tax"] = 20
    code, _out, err = run(["validate", "--endpoint", "invoice", write(tmp_path, payload)], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("customerDetails.personalNumber: ")
    assert lines[1].startswith('products["0"].tax: ')
    assert "12345" not in err


def test_validate_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = documented(SESSION)
    del payload["callback"]["failure"]
    code, out, _ = run(["validate", "--endpoint", "session", write(tmp_path, payload), "--json"], capsys)
    assert code == 1
    assert {"path": "callback.failure", "message": "is required"} in json.loads(out)
    assert all(set(item) == {"path", "message"} for item in json.loads(out))


def test_validate_custom_vat_rates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", "--endpoint", "ehf", write(tmp_path, documented(EHF)), "--vat-rates", "25"], capsys)
    assert code == 1
    assert 'products["0"].tax' in err


@pytest.mark.parametrize(("content", "message"), [(None, "cannot read"), ("{not json", "is not valid JSON")])
def test_unreadable_input_is_one_line_exit_2(
    content: str | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "order.json"
    if content is not None:
        path.write_text(content)
    code, _, err = run(["validate", "--endpoint", "invoice", str(path)], capsys)
    assert code == 2
    assert message in err
    assert len(err.splitlines()) == 1


def test_send_invoice_with_options_after_the_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with VCR.use_cassette("sandbox/send_invoice/201-documented.yaml"):
        code, out, err = run(
            [
                "send",
                "invoice",
                write(tmp_path, documented(INVOICE)),
                "--base-url",
                "http://127.0.0.1:4010",
                "--token",
                "t",
            ],
            capsys,
        )
    assert (code, err) == (0, "")
    assert out == "order ODR3506777330 created for customer CSRT3463048878\n"


def test_send_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with VCR.use_cassette("sandbox/send_invoice/201-documented.yaml"):
        code, out, _ = run(
            [
                "send",
                "invoice",
                write(tmp_path, documented(INVOICE)),
                "--json",
                "--base-url",
                "http://127.0.0.1:4010",
                "--token",
                "t",
            ],
            capsys,
        )
    assert code == 0
    assert json.loads(out) == {
        "order_uuid": "ODR3506777330",
        "customer_uuid": "CSRT3463048878",
        "message": "orderAddedSuccessfully",
    }


def test_send_server_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with VCR.use_cassette("sandbox/send_invoice/417-recorded.yaml"):
        code, out, err = run(
            [
                "send",
                "invoice",
                write(tmp_path, documented(INVOICE)),
                "--base-url",
                "http://127.0.0.1:4010",
                "--token",
                "t",
            ],
            capsys,
        )
    assert code == 1
    assert out == ""
    assert err.startswith("error: ServerValidationError: send_invoice: HTTP 417 payloadValidationErrors: orderDate")
    assert len(err.splitlines()) == 1


def test_send_invalid_payload_sends_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = documented(INVOICE)
    payload["orderSummary"]["grandTotal"] = "1"
    # No cassette is active: a request would hit the socket guard and fail the test.
    code, _, err = run(
        ["send", "invoice", write(tmp_path, payload), "--base-url", "http://127.0.0.1:9", "--token", "t"], capsys
    )
    assert code == 1
    assert "nothing was sent" in err
    assert "orderSummary.grandTotal" in err


def test_missing_token_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FRONTPAYMENT_TOKEN", raising=False)
    code, _, err = run(["invoice-number", "ODR1"], capsys)
    assert code == 2
    assert err.startswith("error: no Frontpayment token")


@pytest.mark.parametrize(
    ("cassette", "expected"),
    [
        ("200-refunded", "order ODR2005869234: status REFUNDED, invoice number 99900753\n"),
        ("200-cancelled", "order ODR189308412: status CANCELLED, invoice number none yet\n"),
    ],
)
def test_invoice_number(cassette: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with VCR.use_cassette(f"sandbox/get_invoice_number/{cassette}.yaml"):
        code, out, _ = run(
            ["invoice-number", "ODR2005869234", "--base-url", "http://127.0.0.1:4010", "--token", "t"], capsys
        )
    assert (code, out) == (0, expected)


def test_invoice_number_not_found(capsys: pytest.CaptureFixture[str]) -> None:
    with VCR.use_cassette("sandbox/get_invoice_number/404-documentedKey.yaml"):
        code, _, err = run(
            ["invoice-number", "ODR2005869234", "--base-url", "http://127.0.0.1:4010", "--token", "t"], capsys
        )
    assert code == 1
    assert err == "error: NotFoundError: get_invoice_number: HTTP 404 orderNotFound\n"


def test_katsupay_get_invoice(capsys: pytest.CaptureFixture[str]) -> None:
    with VCR.use_cassette("sandbox/katsupay/get_invoice/200-found.yaml"):
        code, out, _ = run(
            [
                "katsupay",
                "get-invoice",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "--json",
                "--base-url",
                "http://127.0.0.1:4011",
                "--token",
                "t",
                "--api-key",
                "k",
            ],
            capsys,
        )
    assert code == 0
    data = json.loads(out)
    assert (data["invoice_id"], data["amount"], data["invoice_status"]) == ("INV-1001", "1500", 4)


def test_console_script_fails_without_a_traceback(tmp_path: Path) -> None:
    exe = shutil.which("frontpayment")
    assert exe is not None, "the console script is installed with the package"
    proc = subprocess.run(
        [exe, "validate", "--endpoint", "invoice", str(tmp_path / "missing.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: cannot read")


@pytest.mark.parametrize(("rule", "component", "change", "path"), CASES, ids=[c[0] for c in CASES])
def test_validate_command_rejects_each_rule_and_names_the_field(
    rule: str, component: str, change: Any, path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = documented(component)
    change(payload)
    endpoint = {INVOICE: "invoice", EHF: "ehf", SESSION: "session"}[component]
    code, out, _ = run(["validate", "--endpoint", endpoint, write(tmp_path, payload), "--json"], capsys)
    assert code == 1, rule
    assert path in [item["path"] for item in json.loads(out)], rule
