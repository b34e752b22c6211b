"""The `frontpayment` command: exit codes, one line per problem, --json everywhere, never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from cassettes_config import make_vcr
from local_server import Received, Reply, envelope
from test_spec_rules import CASES, EHF, INVOICE, SESSION, documented

from frontpayment_ext._cli_examples import example_batch
from frontpayment_ext.batch import Progress
from frontpayment_ext.cli import COMMANDS, ProgressPrinter, build_parser, main

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
    payload["customerDetails"]["personalNumber"] = "123456789012"  # 12 characters: max:11
    payload["products"]["0"]["tax"] = 20
    code, _out, err = run(["validate", "--endpoint", "invoice", write(tmp_path, payload)], capsys)
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("customerDetails.personalNumber: ")
    assert lines[1].startswith('products["0"].tax: ')
    assert "123456789012" not in err


def test_validate_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = documented(SESSION)
    del payload["callback"]["failure"]
    code, out, _ = run(["validate", "--endpoint", "session", write(tmp_path, payload), "--json"], capsys)
    assert code == 1
    items = json.loads(out)
    assert {"path": "callback.failure", "message": "is required", "expected": "a value", "actual": "<missing>"} in items
    assert all(set(item) == {"path", "message", "expected", "actual"} for item in items)


def test_validate_json_keeps_expected_and_actual(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = documented(INVOICE)
    payload["products"]["0"]["tax"] = 20
    payload["customerDetails"]["personalNumber"] = "123456789012"
    code, out, _ = run(["validate", "--endpoint", "invoice", write(tmp_path, payload), "--json"], capsys)
    assert code == 1
    assert "123456789012" not in out  # the actual value of a personal number stays masked
    (item,) = [i for i in json.loads(out) if i["path"] == 'products["0"].tax']
    assert item["actual"] == 20
    assert "25" in item["expected"]


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


# Rough edges a newcomer hit (issue 14, item 6), each attacked.


def _created(request: Received) -> Reply:
    return envelope(201, {"uuid": "ODR-NEW", "customerUuid": "CSRT-NEW"}, message="orderAddedSuccessfully")


@pytest.mark.parametrize(
    "form",
    [
        ["send", "invoice", "{file}"],
        ["send", "--endpoint", "invoice", "{file}"],
        ["send", "{file}", "--endpoint", "invoice"],
        ["send", "invoice", "--json", "{file}"],
    ],
    ids=["positional", "option-first", "option-last", "option-between"],
)
def test_send_takes_the_endpoint_as_an_option_or_positionally(
    form: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], local_server: Any
) -> None:
    server = local_server(_created)
    file = write(tmp_path, documented(INVOICE))
    argv = [file if a == "{file}" else a for a in form] + ["--base-url", server.url]
    code, out, err = run(argv, capsys)
    assert (code, err) == (0, "")
    assert "ODR-NEW" in out
    assert [(r.method, "/invoice/" in r.path) for r in server.received] == [("POST", True)]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["send", "{file}"], "the endpoint is missing"),
        (["send"], "the payload file is missing"),
        (["send", "bogus", "{file}"], "invalid choice: 'bogus'"),
        (["send", "--endpoint", "bogus", "{file}"], "invalid choice: 'bogus'"),
        (["send", "invoice", "{file}", "--nope"], "unrecognized arguments: --nope"),
    ],
)
def test_send_usage_errors_are_one_line(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write(tmp_path, documented(INVOICE))
    code, out, err = run([file if a == "{file}" else a for a in argv], capsys)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ")
    assert message in err


def test_missing_token_names_the_cli_option_not_the_library_argument(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FRONTPAYMENT_TOKEN", raising=False)
    code, _, err = run(["invoice-number", "ODR1", "--base-url", "http://127.0.0.1:9"], capsys)
    assert code == 2
    assert "use --token or set FRONTPAYMENT_TOKEN" in err
    assert "token=" not in err


def test_missing_katsupay_host_names_the_cli_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["katsupay", "get-invoice", "INV-1"], capsys)
    assert code == 2
    assert "use --base-url or set KATSUPAY_BASE_URL" in err
    assert "base_url=" not in err


@pytest.mark.parametrize("value", ["", "not a url", "ftp://127.0.0.1", "http://[::1", "http://127.0.0.1:99999"])
def test_a_bad_base_url_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``--base-url "$URL"`` with URL unset must not quietly mean the demo API."""
    code, _, err = run(["invoice-number", "ODR1", "--base-url", value], capsys)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert "argument --base-url: expected an http(s) URL" in err or "argument --base-url: expected a value" in err


def test_a_connection_error_names_the_host(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, _, err = run(["invoice-number", "ODR1", "--base-url", f"http://127.0.0.1:{port}"], capsys)
    assert code == 1
    assert err.startswith(f"error: APIConnectionError: cannot reach 127.0.0.1:{port}: get_invoice_number: ")
    assert len(err.splitlines()) == 1


def test_a_malformed_response_names_what_is_missing(capsys: pytest.CaptureFixture[str], local_server: Any) -> None:
    server = local_server(lambda _r: envelope(200, {"invoiceNumber": "1"}))  # no orderUuid, no status
    code, _, err = run(["invoice-number", "ODR1", "--base-url", server.url], capsys)
    assert code == 1
    assert err.startswith("error: MalformedResponseError: ")
    assert "missing" in err
    assert "(KeyError)" not in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize("order_uuid", ["", " ", ".", "..", "ODR\n1"])
def test_an_empty_order_uuid_is_a_usage_error_and_nothing_is_requested(
    order_uuid: str, capsys: pytest.CaptureFixture[str], local_server: Any
) -> None:
    server = local_server(lambda _r: envelope(200, {}))
    code, _, err = run(["invoice-number", order_uuid, "--base-url", server.url], capsys)
    assert code == 2
    assert err.startswith("error: argument order_uuid: expected an identifier")
    assert server.attempts == 0


def test_a_journal_in_a_missing_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "orders.jsonl"
    source.write_text(example_batch("invoice", 1), encoding="utf-8")
    journal = tmp_path / "nonexistent" / "dir" / "j.sqlite"
    code, _, err = run(
        [
            "send-batch",
            str(source),
            "--endpoint",
            "invoice",
            "--journal",
            str(journal),
            "--base-url",
            "http://127.0.0.1:9",
        ],
        capsys,
    )
    assert code == 2
    assert err == f"error: cannot open journal {journal}: directory {journal.parent} does not exist\n"
    assert not journal.parent.exists()


@pytest.mark.parametrize("endpoint", ["invoice", "ehf", "session"])
def test_example_prints_a_payload_that_validates(
    endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["example", endpoint], capsys)
    assert (code, err) == (0, "")
    path = tmp_path / "order.json"
    path.write_text(out, encoding="utf-8")
    assert run(["validate", "--endpoint", endpoint, str(path)], capsys) == (0, f"valid {endpoint} payload\n", "")


def test_example_batch_is_sent_by_send_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], local_server: Any
) -> None:
    server = local_server(_created)
    code, out, _ = run(["example", "batch", "--count", "4"], capsys)
    assert code == 0
    assert len(out.splitlines()) == 4
    source = tmp_path / "orders.jsonl"
    source.write_text(out, encoding="utf-8")
    code, out, _ = run(["send-batch", str(source), "--endpoint", "invoice", "--base-url", server.url], capsys)
    assert code == 0
    assert out.startswith("batch: 4 sent (4 in this run), 0 failed, 0 unknown, 0 invalid")
    references = sorted(json.loads(r.body)["referenceNo"] for r in server.received)
    assert references == ["EXAMPLE-1", "EXAMPLE-2", "EXAMPLE-3", "EXAMPLE-4"]


def test_example_through_the_console_script_passes_validate(tmp_path: Path) -> None:
    """``frontpayment example invoice > order.json && frontpayment validate --endpoint invoice order.json``."""
    exe = shutil.which("frontpayment")
    assert exe is not None
    order = tmp_path / "order.json"
    with order.open("wb") as fh:
        subprocess.run([exe, "example", "invoice"], stdout=fh, check=True, timeout=60)
    proc = subprocess.run(
        [exe, "validate", "--endpoint", "invoice", str(order)], capture_output=True, text=True, check=False, timeout=60
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "valid invoice payload\n", "")


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_final_line_is_printed_once_on_a_terminal() -> None:
    stream = FakeTty()
    printer = ProgressPrinter(stream, interval=0)
    started = time.monotonic() - 1
    printer(Progress(3, 2, 0, 0, started))
    printer(Progress(3, 3, 0, 0, started))  # the last order completes
    printer(Progress(3, 3, 0, 0, started))  # the batch's closing report
    printer.close()
    text = stream.getvalue()
    assert text.count("remaining 0") == 1
    assert text.count("\n") == 1
    assert text.endswith("\n")


def test_progress_final_line_is_printed_once_in_a_log() -> None:
    stream = io.StringIO()
    printer = ProgressPrinter(stream, interval=0)
    printer(Progress(1, 1, 0, 0, time.monotonic() - 1))
    printer(Progress(1, 1, 0, 0, time.monotonic() - 1))
    assert stream.getvalue().count("remaining 0") == 1


def test_progress_eta_keeps_moving_while_nothing_completes() -> None:
    """Waiting for a rate-limit slot, no order completes; the line is redrawn with the rate and ETA of now."""
    stream = FakeTty()
    printer = ProgressPrinter(stream, interval=0, tick=0.05)
    printer(Progress(10, 1, 0, 0, time.monotonic() - 1))  # 1/s so far: ETA 0:09
    first = stream.getvalue()
    assert first.endswith("ETA 0:09\x1b[K")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "ETA 0:09\x1b[K" in stream.getvalue().rsplit("\r", 1)[-1]:
        time.sleep(0.05)
    printer.close()
    last = stream.getvalue().rstrip("\n").rsplit("\r", 1)[-1]
    assert "ETA 0:09" not in last  # the ETA grew while waiting
    assert last.startswith("sent 1  failed 0  unknown 0  remaining 9  ")


def test_progress_close_ends_the_open_line() -> None:
    stream = FakeTty()
    printer = ProgressPrinter(stream, interval=0)
    printer(Progress(10, 1, 0, 0, time.monotonic() - 1))
    assert not stream.getvalue().endswith("\n")
    printer.close()
    printer.close()
    assert stream.getvalue().endswith("\x1b[K\n")
    assert stream.getvalue().count("\n") == 1


def test_ctrl_c_output_starts_on_its_own_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A batch interrupted while its progress line is open: "error: interrupted" is not glued to it."""
    stream = FakeTty()
    monkeypatch.setattr(sys, "stderr", stream)

    def interrupted(args: Any, out: Any) -> int:
        ProgressPrinter(sys.stderr, interval=0)(Progress(10, 3, 0, 0, time.monotonic() - 1))
        raise KeyboardInterrupt

    monkeypatch.setitem(COMMANDS, "send-batch", interrupted)
    source = tmp_path / "orders.jsonl"
    source.write_text(example_batch("invoice", 1), encoding="utf-8")
    code = main(["send-batch", str(source), "--endpoint", "invoice"], out=io.StringIO())
    assert code == 130
    assert stream.getvalue().endswith("ETA 0:02\x1b[K\nerror: interrupted\n")


def test_readme_command_line_block_matches_the_parser() -> None:
    """Every command and option the README's Command line section shows exists (the block cannot drift)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Command line", 1)[1].split("```", 2)[1]
    lines = [line.split("#", 1)[0].split(">", 1)[0] for line in block.splitlines() if line.startswith("frontpayment")]
    assert len(lines) >= 8
    for line in lines:
        words = line.replace("[", " ").replace("]", " ").split()[1:]
        parser = build_parser()
        while words and (sub := _subparsers(parser)) is not None and words[0] in sub.choices:
            parser = sub.choices[words.pop(0)]
        assert _subparsers(parser) is None, line
        known = {o for action in parser._actions for o in action.option_strings}
        assert {w for w in words if w.startswith("--")} <= known, line


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[Any] | None:
    return next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("frontpayment send-b", {"send-batch"}),
        ("frontpayment send-batch x.jsonl --endpoint ", {"invoice", "ehf", "session", "faktura"}),
    ],
)
def test_shell_completion_through_the_console_script(line: str, expected: set[str], tmp_path: Path) -> None:
    """What bash gets from ``eval "$(register-python-argcomplete frontpayment)"`` (the ``completion`` extra)."""
    exe = shutil.which("frontpayment")
    assert exe is not None
    result = tmp_path / "completions"
    (tmp_path / "x.jsonl").write_text(example_batch("invoice", 1), encoding="utf-8")
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": str(result),
    }
    proc = subprocess.run([exe], env=env, capture_output=True, text=True, check=False, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert {word.strip() for word in result.read_text(encoding="utf-8").split("\v")} == expected


def test_a_closed_pipe_is_not_an_error_message(capsys: pytest.CaptureFixture[str]) -> None:
    """``frontpayment example batch --count 1000 | head -1``: the reader left; nothing more to say."""

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    assert main(["example", "batch", "--count", "1000"], out=ClosedPipe()) == 1
    assert capsys.readouterr().err == ""


def test_a_rerun_of_a_finished_batch_with_failures_points_to_retry_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], local_server: Any
) -> None:
    refused = envelope(417, None, message="payloadValidationErrors", errors=["The order date is invalid."])
    server = local_server(lambda request: refused)
    source = tmp_path / "orders.jsonl"
    source.write_text(example_batch("invoice", 40), encoding="utf-8")
    argv = ["send-batch", str(source), "--endpoint", "invoice", "--base-url", server.url, "--no-rate-limit"]
    code, first, _ = run(argv, capsys)
    assert code == 1
    assert first.count("failed: line") == 40
    code, again, _ = run(argv, capsys)
    assert code == 1
    assert "failed: line" not in again  # not 40 old failures again
    assert "--retry-failed" in again
    assert len(again.splitlines()) <= 3
    assert server.posts() == 40  # and nothing was resent
