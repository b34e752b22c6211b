"""Every task of the project. `nox -l` lists them; the README says which to run when."""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import nox
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
CLIENTS = ("frontpayment", "katsupay")
NODE_TOOLS = ROOT / ".tools" / "node"
# Pinned npm tools, installed together: a second `npm install --no-save` would prune the first.
NODE_PACKAGES = ["@stoplight/spectral-cli@6.16.3", "@stoplight/prism-cli@5.16.0"]
LINTED = ["frontpayment_ext", "tests", "examples", "benchmarks", "scripts", "tools", "noxfile.py"]
# The Pythons the package declares (its classifiers; tests/test_packaging.py keeps the two equal). Where one is not
# installed, nox has uv install it; pyenv's are made visible where pyenv has them (see _pyenv_pythons).
PYTHONS = ["3.11", "3.12", "3.13"]


def _pyenv_pythons() -> None:
    """Let nox find pyenv's installed Pythons: pyenv's shims answer ``python3.12`` only for the versions
    ``PYENV_VERSION`` names. The current version stays first, so ``python3`` is unchanged; without pyenv, nothing."""
    if os.environ.get("PYENV_VERSION") or shutil.which("pyenv") is None:
        return
    try:
        current = subprocess.run(["pyenv", "version-name"], capture_output=True, text=True, check=True).stdout.strip()
        found = [
            subprocess.run(["pyenv", "latest", minor], capture_output=True, text=True, check=False).stdout.strip()
            for minor in PYTHONS
        ]
    except (OSError, subprocess.CalledProcessError):
        return
    os.environ["PYENV_VERSION"] = ":".join([current, *(v for v in found if v)])


_pyenv_pythons()

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["tests", "lowest", "lint", "typecheck", "spec", "generate_check", "docs"]


def group(name: str) -> list[str]:
    """The pinned requirements of one PEP 735 dependency group in pyproject.toml."""
    return nox.project.dependency_groups(PYPROJECT, name)


def install_project(session: nox.Session, *groups: str, extra: tuple[str, ...] = ()) -> None:
    session.install(".", *extra, *(req for name in groups for req in group(name)))


def npm_tool(session: nox.Session, binary: str) -> str:
    """The path of a pinned npm tool's executable, installing the tools under .tools/node (not committed)."""
    exe = NODE_TOOLS / "node_modules" / ".bin" / binary
    if not exe.exists():
        NODE_TOOLS.mkdir(parents=True, exist_ok=True)
        session.run(
            "npm",
            "install",
            "--prefix",
            str(NODE_TOOLS),
            "--no-save",
            "--no-package-lock",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            *NODE_PACKAGES,
            external=True,
        )
    return str(exe)


@contextlib.contextmanager
def prism(session: nox.Session, spec: str = "frontpayment", port: int = 4010) -> Iterator[str]:
    """Run a Prism mock of openapi/<spec>.yaml on 127.0.0.1 for the duration of the block; yield its URL."""
    exe = npm_tool(session, "prism")
    log = (ROOT / ".tools" / f"prism-{spec}.log").open("w")
    proc = subprocess.Popen(
        [exe, "mock", str(ROOT / "openapi" / f"{spec}.yaml"), "-h", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                session.error(f"Prism did not start; see {log.name}")
            time.sleep(0.25)
        session.log(f"Prism sandbox listening on http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def generate_into(session: nox.Session, out_dir: Path) -> None:
    """Write both generated clients below out_dir, from the committed specs and generator configs."""
    for name in CLIENTS:
        target = out_dir / f"{name}_client"
        shutil.rmtree(target, ignore_errors=True)
        session.run(
            "openapi-python-client",
            "generate",
            "--path",
            str(ROOT / "openapi" / f"{name}.yaml"),
            "--config",
            str(ROOT / "openapi" / "generator" / f"{name}.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(target),
            "--fail-on-warning",
            silent=True,
        )
        # With `--meta none` the generator writes no py.typed marker; the package is fully typed, so say so.
        (target / "py.typed").touch()
    # The SDK's typed surface (results, operation table, client and resource methods), from the same spec.
    session.run("python", str(ROOT / "tools" / "surface_codegen.py"), "--out", str(out_dir / SURFACE.name), silent=True)
    # The specs as JSON, which the package reads and ships (no YAML parser at run time).
    (out_dir / SPEC_JSON.name).mkdir(exist_ok=True)
    for name in CLIENTS:
        yaml_spec, json_spec = ROOT / "openapi" / f"{name}.yaml", out_dir / SPEC_JSON.name / f"{name}.json"
        session.run("python", "-c", SPEC_TO_JSON, str(yaml_spec), str(json_spec), silent=True)


GENERATED = ROOT / "frontpayment_ext" / "_generated"  # the generated clients, inside the SDK's namespace
SURFACE = ROOT / "frontpayment_ext" / "_surface.py"
SPEC_JSON = ROOT / "frontpayment_ext" / "specs"
SPEC_TO_JSON = """
import json, sys, yaml
with open(sys.argv[1], encoding="utf-8") as fh:
    document = yaml.safe_load(fh)
with open(sys.argv[2], "w", encoding="utf-8", newline="\\n") as fh:
    fh.write(json.dumps(document, ensure_ascii=False, indent=1) + "\\n")
"""


def differing_files(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra or different between two directory trees."""

    def files(base: Path) -> set[str]:
        return {str(p.relative_to(base)) for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    want, have = files(expected), files(actual)
    changed = [f for f in sorted(want & have) if not filecmp.cmp(expected / f, actual / f, shallow=False)]
    return sorted(want ^ have) + changed


EXAMPLE_PLUGIN = "./examples/plugins/frontpayment-example-plugin"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite on each supported Python (cassettes replay offline; nothing reaches the network)."""
    # The example plugin is installed as a real package so that its entry point is found the way a user's is.
    install_project(session, "test", extra=(EXAMPLE_PLUGIN,))
    session.run("pytest", *(session.posargs or ["-q"]))


def runtime_floors() -> dict[str, str]:
    """Each runtime dependency's lower bound, from pyproject.toml (the ones that apply on this platform)."""
    floors = {}
    for line in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        lower = [spec.version for spec in requirement.specifier if spec.operator in (">=", "==", "~=")]
        if not lower:
            raise ValueError(f"runtime dependency without a lower bound: {line}")
        floors[canonicalize_name(requirement.name)] = lower[0]
    return floors


@nox.session(python=PYTHONS[0])
def lowest(session: nox.Session) -> None:
    """The tests once more, on the oldest Python and the lowest release of every runtime dependency we admit."""
    # uv picks the lowest version allowed for direct dependencies, the project's own among them; the test tools keep
    # their pins. The check after it makes sure no test tool pulled a runtime dependency above its floor.
    session.install(
        "--resolution", "lowest-direct", "--reinstall-package", "frontpayment-sdk", ".", EXAMPLE_PLUGIN, *group("test")
    )
    floors = runtime_floors()
    probe = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    installed = json.loads(session.run("python", "-c", probe, *floors, silent=True) or "{}")
    above = [f"{n} {v} (floor {floors[n]})" for n, v in installed.items() if Version(v) != Version(floors[n])]
    if above:
        session.error("not at their floors: " + ", ".join(above))
    session.log("runtime dependencies at their floors: " + ", ".join(f"{n}=={v}" for n, v in installed.items()))
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session
def demo(session: nox.Session) -> None:
    """The main job: an invoice's whole life against the local sandbox over HTTP (no credentials, no Node.js)."""
    session.install(".[sandbox]")
    session.run("python", "examples/demo.py")


@nox.session(default=False)
def record(session: nox.Session) -> None:
    """Re-record cassettes/: against the Prism sandbox, or the demo API when FRONTPAYMENT_TOKEN is set."""
    install_project(session, "test")
    if os.environ.get("FRONTPAYMENT_TOKEN"):
        session.run("python", "tests/record_cassettes.py", "--target", "demo-api")
        return
    with prism(session) as url, prism(session, "katsupay", 4011) as katsu_url:
        session.run(
            "python", "tests/record_cassettes.py", "--target", "sandbox", "--base-url", url, "--katsupay-url", katsu_url
        )


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure the SDK against raw httpx on a local server; writes benchmarks/results.json (not a test)."""
    install_project(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs, env={"FRONTPAYMENT_PLUGINS": "none"})


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and format-check the hand-written code with ruff."""
    session.install(*group("lint"))
    existing = [p for p in LINTED if (ROOT / p).exists()]
    session.run("ruff", "check", *existing)
    session.run("ruff", "format", "--check", *existing)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check frontpayment_ext with mypy --strict."""
    install_project(session, "typecheck")
    session.run("mypy", "--strict", "frontpayment_ext")


@nox.session
def spec(session: nox.Session) -> None:
    """Validate both OpenAPI specs (openapi-spec-validator) and lint them with Spectral."""
    session.install(*group("spec"))
    specs = [str(ROOT / "openapi" / f"{name}.yaml") for name in CLIENTS]
    session.run("openapi-spec-validator", *specs)
    spectral = npm_tool(session, "spectral")
    session.run(
        spectral, "lint", "--ruleset", str(ROOT / ".spectral.yaml"), "--fail-severity", "warn", *specs, external=True
    )


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate the clients in frontpayment_ext/_generated (openapi-python-client), frontpayment_ext/_surface.py and
    the JSON specs, from openapi/*.yaml."""
    session.install(*group("generate"))
    generate_into(session, GENERATED)
    shutil.move(GENERATED / SURFACE.name, SURFACE)
    for name in CLIENTS:
        shutil.move(GENERATED / SPEC_JSON.name / f"{name}.json", SPEC_JSON / f"{name}.json")
    (GENERATED / SPEC_JSON.name).rmdir()


@nox.session
def generate_check(session: nox.Session) -> None:
    """Fail, naming the files, when the committed generated code is not what a fresh generation gives."""
    session.install(*group("generate"))
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        generate_into(session, fresh)
        stale = [
            f"{GENERATED.relative_to(ROOT)}/{name}_client/{path}"
            for name in CLIENTS
            for path in differing_files(fresh / f"{name}_client", GENERATED / f"{name}_client")
        ]
        if not SURFACE.exists() or not filecmp.cmp(fresh / SURFACE.name, SURFACE, shallow=False):
            stale.append(str(SURFACE.relative_to(ROOT)))
        for name in CLIENTS:
            json_spec = SPEC_JSON / f"{name}.json"
            fresh_spec = fresh / SPEC_JSON.name / json_spec.name
            if not json_spec.exists() or not filecmp.cmp(fresh_spec, json_spec, shallow=False):
                stale.append(str(json_spec.relative_to(ROOT)))
    if stale:
        session.error(
            "generated code is stale; run `nox -s generate` and commit. Differing files:\n  " + "\n  ".join(stale)
        )
    session.log("generated clients match the specs")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site (mkdocs.yml) into build/site with --strict: a broken link or reference fails."""
    session.install(*group("docs"))
    session.run("mkdocs", "build", "--strict", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})
