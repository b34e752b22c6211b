"""The plugin system: one pluggy ``PluginManager`` per client, never a process-global one.

Which plugins a client has:

1. the built-in ``logging`` plugin, always (it is silent until ``FRONTPAYMENT_LOG`` or your logging config asks);
2. the built-in ``audit`` plugin when ``FRONTPAYMENT_AUDIT`` names a log file (``.jsonl``, or ``.sqlite``/``.db``);
3. third-party plugins from the entry-point group ``frontpayment_ext``, only those the user names: none by default,
   because code that merely happens to be installed must not see a payments library's calls. Name them with the
   client's ``load_entrypoints`` argument (a list of names, or True for all) or ``FRONTPAYMENT_PLUGINS`` (``all``,
   ``none``, or comma-separated names); the argument wins over the variable;
4. the objects passed as ``plugins=[...]``.

``check_pending()`` runs once all are registered, so a misspelt hook name is a ``ConfigurationError`` at once
instead of a hook that silently never fires.

Observing hooks are called one implementation at a time, so that a plugin that raises is logged and skipped and
the call goes on (new-style wrappers are not supported on them). Shaping hooks go through pluggy as usual.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from frontpayment_ext import hookspecs
from frontpayment_ext.errors import AuditError, ConfigurationError
from frontpayment_ext.events import AuditEvent
from frontpayment_ext.redaction import DEFAULT_REDACTOR, MESSAGE_LIMIT
from frontpayment_ext.violations import Violation

from . import log as log_plugin

ENTRYPOINT_GROUP = "frontpayment_ext"
PLUGINS_ENV = "FRONTPAYMENT_PLUGINS"
AUDIT_ENV = "FRONTPAYMENT_AUDIT"

logger = logging.getLogger("frontpayment_ext.plugins")

EntrypointChoice = bool | Sequence[str] | None


def _entrypoint_names(choice: EntrypointChoice) -> bool | list[str]:
    """True for all, False for none, or the names to load. Nothing unless named: opt-in."""
    if choice is None:
        value = os.environ.get(PLUGINS_ENV, "none").strip()
        if value.lower() == "all":
            return True
        if value.lower() in ("", "none"):
            return False
        return [name.strip() for name in value.split(",") if name.strip()]
    if isinstance(choice, bool):
        return choice
    return list(choice)


def _redacted(violation: Violation) -> Violation:
    """A plugin's violation as the SDK shows it: the plugin saw the raw payload and may quote it, so its message and
    actual value are redacted like the SDK's own (by the field's name, then as text)."""
    key = re.split(r"[.\[\]]", violation.path.rstrip("]"))[-1].strip('"')
    return attrs.evolve(
        violation,
        message=DEFAULT_REDACTOR.text(violation.message, limit=MESSAGE_LIMIT),
        actual=DEFAULT_REDACTOR.value(key, violation.actual),
    )


class PluginHost:
    """A client's plugin manager and the three ways the SDK calls hooks: shape, observe, audit."""

    def __init__(self, plugins: Iterable[object] = (), *, load_entrypoints: EntrypointChoice = None) -> None:
        log_plugin.setup_logging()
        self.pm = pluggy.PluginManager("frontpayment_ext")
        self.pm.add_hookspecs(hookspecs)
        self.pm.register(log_plugin, name="logging")
        audit_path = os.environ.get(AUDIT_ENV)
        if audit_path:
            from .audit import AuditPlugin  # noqa: PLC0415 - lazy: sqlite3 and hmac only for an audit log

            self.pm.register(AuditPlugin(audit_path), name="audit")
        names = _entrypoint_names(load_entrypoints)
        try:
            if names is True:
                self.pm.load_setuptools_entrypoints(ENTRYPOINT_GROUP)
            elif names:
                for name in names:
                    if not self.pm.load_setuptools_entrypoints(ENTRYPOINT_GROUP, name=name):
                        raise ConfigurationError(f"no plugin named {name!r} in entry-point group {ENTRYPOINT_GROUP}")
            for plugin in plugins:
                self.pm.register(plugin)
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            raise ConfigurationError(f"plugin {exc.plugin!r} is invalid: {exc}") from exc

    def names(self) -> list[str]:
        """The registered plugins' names, built-ins first."""
        return [name for name, _ in self.pm.list_name_plugin()]

    def prepare(self, **kwargs: Any) -> str | None:
        """Run ``frontpayment_prepare_request``; the first veto reason, or None."""
        if not self.pm.hook.frontpayment_prepare_request.get_hookimpls():
            return None
        reasons = self.pm.hook.frontpayment_prepare_request(**kwargs)
        # A plugin's reason may quote the payload it read: it is redacted before it becomes an error message.
        return next((DEFAULT_REDACTOR.text(str(r), limit=MESSAGE_LIMIT) for r in reasons if r), None)

    def rules(self, payload: Mapping[str, Any], endpoint: str) -> list[Violation]:
        """The violations every plugin's ``frontpayment_validation_rules`` found (an ``ExtraRule`` for validate)."""
        if not self.pm.hook.frontpayment_validation_rules.get_hookimpls():
            return []
        found = self.pm.hook.frontpayment_validation_rules(endpoint=endpoint, payload=payload)
        return [_redacted(v) for violations in found if violations for v in violations]

    def wants(self, hook_name: str) -> bool:
        """Whether calling this observing hook can have any effect: some plugin implements it, other than the
        built-in logging plugin while its logger is off. Lets the SDK skip building what nobody would read."""
        for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
            if impl.plugin is not log_plugin or log_plugin.http_logger.isEnabledFor(logging.INFO):
                return True
        return False

    @property
    def amends_payloads(self) -> bool:
        """Whether any plugin implements ``frontpayment_prepare_request`` (else payloads are sent as built)."""
        return bool(self.pm.hook.frontpayment_prepare_request.get_hookimpls())

    @property
    def records_audit(self) -> bool:
        """Whether any plugin records audit events (if none does, the SDK builds no outcome events)."""
        return bool(self.pm.hook.frontpayment_audit_event.get_hookimpls())

    def observe(self, hook_name: str, **kwargs: Any) -> None:
        """Call an observing hook; a plugin that raises is logged and does not break the call."""
        for impl in reversed(getattr(self.pm.hook, hook_name).get_hookimpls()):
            try:
                impl.function(*(kwargs[name] for name in impl.argnames))
            except Exception:
                logger.exception("plugin %s failed in %s; the call goes on", impl.plugin_name, hook_name)

    def audit(self, event: AuditEvent) -> None:
        """Record an audit event. A required plugin that fails on the attempt stops the call (fail closed)."""
        for impl in reversed(self.pm.hook.frontpayment_audit_event.get_hookimpls()):
            try:
                impl.function(*({"event": event}[name] for name in impl.argnames))
            except Exception as exc:
                if getattr(impl.plugin, "required", False) and event.outcome == "attempt":
                    raise AuditError(
                        f"required audit plugin {impl.plugin_name} could not record {event.operation}; "
                        f"nothing was sent ({type(exc).__name__})"
                    ) from exc
                logger.exception("audit plugin %s failed on %s (%s)", impl.plugin_name, event.operation, event.outcome)
