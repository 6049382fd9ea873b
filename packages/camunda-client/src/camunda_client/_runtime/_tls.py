"""Build the SSL context for mutual TLS from the CAMUNDA_MTLS_* settings."""

from __future__ import annotations

import contextlib
import os
import ssl
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import Any


def build_ssl_context(config: Any) -> ssl.SSLContext | None:
    """Return an SSL context for the configured CA / client cert, or None.

    Inline PEMs win over the ``*_PATH`` variants. An inline certificate or key
    goes through a private temporary file (mode 0600), deleted right after
    loading, because `ssl` only loads chains from files.
    """
    ca = _inline(config, "CAMUNDA_MTLS_CA") or _read(config, "CAMUNDA_MTLS_CA_PATH")
    cert = _inline(config, "CAMUNDA_MTLS_CERT")
    cert_path = _setting(config, "CAMUNDA_MTLS_CERT_PATH")
    key = _inline(config, "CAMUNDA_MTLS_KEY")
    key_path = _setting(config, "CAMUNDA_MTLS_KEY_PATH")
    if not (ca or cert or cert_path or key or key_path):
        return None

    context = ssl.create_default_context()
    if ca:
        context.load_verify_locations(cadata=ca)
    if (cert or cert_path) and (key or key_path):
        passphrase = _inline(config, "CAMUNDA_MTLS_KEY_PASSPHRASE")
        with (
            _pem_file(cert, cert_path) as certfile,
            _pem_file(key, key_path) as keyfile,
        ):
            context.load_cert_chain(certfile, keyfile, password=passphrase)
    return context


def _setting(config: Any, name: str) -> str | None:
    value = getattr(config, name, None)
    if value is None:
        return None
    if hasattr(value, "get_secret_value"):
        value = value.get_secret_value()
    return str(value) or None


def _inline(config: Any, name: str) -> str | None:
    return _setting(config, name)


def _read(config: Any, name: str) -> str | None:
    path = _setting(config, name)
    if path is None:
        return None
    return Path(path).expanduser().read_text(encoding="utf-8")


@contextlib.contextmanager
def _pem_file(inline: str | None, path: str | None) -> Generator[str, None, None]:
    if inline is None:
        yield str(Path(path or "").expanduser())
        return
    fd, name = tempfile.mkstemp(suffix=".pem")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(inline)
        yield name
    finally:
        Path(name).unlink(missing_ok=True)
