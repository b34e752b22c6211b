"""What the ``frontpayment`` command accepts, checked where it comes in, so that bad input is one line, never a
traceback: argument types for argparse (positive numbers, VAT rates, path identifiers, UTF-8 text files), a parser
whose usage errors are one line, and reading a JSON payload file as bytes with a clear error for each way it can be
unreadable (missing, a directory, too large, not UTF-8, not JSON, nested too deeply).
"""

from __future__ import annotations

import argparse
import codecs
import json
import math
import os
import stat
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

import httpx

MAX_INPUT_BYTES = 64 * 1024 * 1024  # an order payload is a few KB; this stops /dev/zero, not a real file
MAX_CONCURRENCY = 1000


class UsageError(Exception):
    """Bad input to the command (unreadable file, invalid JSON): exit 2 with one line."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (exit 2), pointing at ``--help``."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _bad(text: str, expected: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")


def positive_int(text: str) -> int:
    """A count of at least 1 (``--rate-limit``)."""
    try:
        value = int(text)
    except ValueError:
        raise _bad(text, "a whole number of at least 1") from None
    if value < 1:
        raise _bad(text, "a whole number of at least 1")
    return value


def concurrency(text: str) -> int:
    """1 to MAX_CONCURRENCY requests in flight: a million would be a million tasks, not a faster batch."""
    value = positive_int(text)
    if value > MAX_CONCURRENCY:
        raise _bad(text, f"a whole number from 1 to {MAX_CONCURRENCY}")
    return value


def positive_seconds(text: str) -> float:
    """A finite number of seconds above 0 (``--rate-window``): NaN and infinity are refused, as is ``1e309``."""
    try:
        value = float(text)
    except ValueError:
        raise _bad(text, "a number of seconds above 0") from None
    if not math.isfinite(value) or value <= 0:
        raise _bad(text, "a finite number of seconds above 0")
    return value


def vat_rates(text: str) -> list[Decimal]:
    """``0,12,15,25``: percentages from 0 to below 100, as the validator takes them."""
    rates: list[Decimal] = []
    for part in text.split(","):
        if not part.strip():
            continue
        try:
            rate = Decimal(part.strip())
        except InvalidOperation:
            raise _bad(text, "comma-separated VAT percentages such as 0,12,15,25") from None
        if not rate.is_finite() or not 0 <= rate < 100:
            raise _bad(text, "VAT percentages from 0 to below 100, such as 0,12,15,25")
        rates.append(rate)
    if not rates:
        raise _bad(text, "comma-separated VAT percentages such as 0,12,15,25")
    return rates


def path_id(text: str) -> str:
    """An identifier that goes into a URL path: empty, ``.`` and ``..`` would request another resource."""
    if not text.strip() or text.strip() in (".", "..") or any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise _bad(text, "an identifier (not empty, not . or .., no control characters)")
    return text


def non_empty(text: str) -> str:
    """An option's value that must not be empty: ``--base-url "$URL"`` with URL unset would otherwise quietly mean
    the default host."""
    if not text.strip():
        raise _bad(text, "a value")
    return text


def base_url(text: str) -> str:
    """An http(s) URL with a host and a valid port, checked here so that ``http://[::1`` or a port of 99999 is a
    usage error rather than a failure deep inside the HTTP client."""
    try:
        url = httpx.URL(non_empty(text))
        port = url.port
    except (httpx.InvalidURL, ValueError, TypeError):
        raise _bad(text, "an http(s) URL such as https://demo-api.frontpayment.no") from None
    if url.scheme not in ("http", "https") or not url.host or (port is not None and not 0 < port < 65536):
        raise _bad(text, "an http(s) URL such as https://demo-api.frontpayment.no")
    return text


def file_path(text: str) -> str:
    """A path to a file this command may create or open (``--journal``): a NUL, a name that cannot be encoded for
    the file system, or no file name at all (``.``, ``dir/``) is a usage error."""
    if "\x00" in text:
        raise _bad(text, "a file path without NUL bytes")
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        raise _bad(text, "a file path the file system can encode") from None
    if Path(text).name in ("", ".", ".."):
        raise _bad(text, "a file path (not a directory)")
    return text


def check_argv(argv: Sequence[str]) -> None:
    """Refuse command-line words that are not text (bytes the shell passed that are not UTF-8 arrive as lone
    surrogates) before any of them reaches a token, a URL or a file name."""
    for word in argv:
        if "\x00" in word:  # no shell can pass one; main(argv) from Python can
            raise UsageError(f"argument {word[:60]!r} contains a NUL character")
        try:
            word.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UsageError(
                f"argument {word[:60].encode('utf-8', 'backslashreplace').decode('utf-8')!r} is not valid UTF-8 "
                f"(at character {exc.start})"
            ) from None


def text_file(path: str) -> str:
    """A readable regular UTF-8 text file (``send-batch`` input, read twice, so not a pipe or a device): checked in
    full here, in chunks, so that a binary file is one clear line before anything is journalled or sent."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise argparse.ArgumentTypeError(f"{path} is not a regular file (a batch file is read twice)")
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    raise argparse.ArgumentTypeError(
                        f"{path} is not UTF-8 text (byte 0x{exc.object[exc.start : exc.start + 1].hex()} at offset "
                        f"{offset + exc.start})"
                    ) from None
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise argparse.ArgumentTypeError(f"{path} is not UTF-8 text (it ends inside a character)") from None
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL in the path
        raise argparse.ArgumentTypeError(f"cannot read {path!r}: {exc}") from None
    return path


def read_bytes(path: str) -> bytes:
    """The file (or standard input for ``-``), at most MAX_INPUT_BYTES."""
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", sys.stdin)
            data = stream.read(MAX_INPUT_BYTES + 1)
            data = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL in the path
        raise UsageError(f"cannot read {path!r}: {exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise UsageError(f"{path} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB: not an order payload")
    return bytes(data)


def read_json(path: str) -> Any:
    """The JSON document in a file, or a UsageError saying in one line why it cannot be read."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")  # a BOM, as some editors write, is not an error
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start : exc.start + 1].hex()
        raise UsageError(f"{path} is not UTF-8 text (byte 0x{bad} at offset {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise UsageError(f"{path} is nested too deeply to be an order payload") from None
    except ValueError as exc:  # an integer of more than 4300 digits
        raise UsageError(f"{path} is not a usable JSON document: {exc}") from None


def port(value: str) -> int:
    """A TCP port to listen on: 0 (any free one) to 65535."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535, got {value!r}") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 0 to 65535, got {value!r}")
    return number
