"""Mutual TLS from CAMUNDA_MTLS_* settings, against a TLS server on 127.0.0.1."""

from __future__ import annotations

import shutil
import ssl
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from camunda_client import CamundaClient, errors
from camunda_client._runtime import _tls

OPENSSL = shutil.which("openssl") or "openssl"
pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")

TOPOLOGY = b'{"brokers":[],"clusterSize":1,"partitionsCount":1,"replicationFactor":1,"gatewayVersion":"8.8.0","lastCompletedChangeId":"1","clusterId":null}'


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, capture_output=True)


def issue(name: str, cwd: Path, extension: str) -> None:
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        f"{name}.key",
        "-out",
        f"{name}.csr",
        "-subj",
        f"/CN={name}",
        cwd=cwd,
    )
    (cwd / f"{name}.ext").write_text(extension)
    openssl(
        "x509",
        "-req",
        "-in",
        f"{name}.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        f"{name}.pem",
        "-days",
        "1",
        "-extfile",
        f"{name}.ext",
        cwd=cwd,
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pki")
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "1",
        "-subj",
        "/CN=test-ca",
        cwd=folder,
    )
    issue("server", folder, "subjectAltName=IP:127.0.0.1\n")
    issue("client", folder, "extendedKeyUsage=clientAuth\n")
    return folder


@pytest.fixture
def tls_server(kit: ModuleType, pki: Path) -> Iterator[Any]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki / "server.pem", pki / "server.key")
    context.load_verify_locations(pki / "ca.pem")
    context.verify_mode = ssl.CERT_REQUIRED
    server = kit.LoopbackServer(context)
    server.default = kit.Reply(200, TOPOLOGY)
    server.start()
    yield server
    server.stop()


def test_inline_pems_authenticate_and_leave_no_files(
    tls_server: Any, pki: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inline cert, key and CA connect; their temp files are 0600 and gone."""
    created: list[tuple[str, int]] = []
    real_mkstemp = tempfile.mkstemp

    def recording_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        created.append((name, stat.S_IMODE(Path(name).stat().st_mode)))
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", recording_mkstemp)
    settings: Any = {
        "CAMUNDA_REST_ADDRESS": tls_server.url,
        "CAMUNDA_MTLS_CERT": (pki / "client.pem").read_text(),
        "CAMUNDA_MTLS_KEY": (pki / "client.key").read_text(),
        "CAMUNDA_MTLS_CA": (pki / "ca.pem").read_text(),
    }

    with CamundaClient(settings) as client:
        topology = client.get_topology()

    assert "8.8.0" == topology.gateway_version
    assert [0o600, 0o600] == [mode for _, mode in created]
    assert [False, False] == [Path(name).exists() for name, _ in created]


def test_paths_authenticate(tls_server: Any, pki: Path) -> None:
    """Certificate, key and CA given as file paths work the same."""
    settings: Any = {
        "CAMUNDA_REST_ADDRESS": tls_server.url,
        "CAMUNDA_MTLS_CERT_PATH": str(pki / "client.pem"),
        "CAMUNDA_MTLS_KEY_PATH": str(pki / "client.key"),
        "CAMUNDA_MTLS_CA_PATH": str(pki / "ca.pem"),
    }

    with CamundaClient(settings) as client:
        topology = client.get_topology()

    assert "8.8.0" == topology.gateway_version


def test_without_client_certificate_the_handshake_fails(
    tls_server: Any, pki: Path
) -> None:
    """Trusting the CA alone is not enough for a server that demands a client cert."""
    settings: Any = {
        "CAMUNDA_REST_ADDRESS": tls_server.url,
        "CAMUNDA_MTLS_CA": (pki / "ca.pem").read_text(),
        "CAMUNDA_SDK_HTTP_RETRY_MAX_RETRIES": "0",
    }

    with (
        CamundaClient(settings) as client,
        pytest.raises(errors.CamundaConnectionError),
    ):
        client.get_topology()


def test_no_mtls_settings_build_no_context() -> None:
    """Without CAMUNDA_MTLS_* values no SSL context is built."""

    class Empty:
        pass

    assert _tls.build_ssl_context(Empty()) is None
