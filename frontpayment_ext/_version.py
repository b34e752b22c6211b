"""The SDK's version, in one place (hatch reads it for the distribution)."""

__version__ = "0.2.0"
