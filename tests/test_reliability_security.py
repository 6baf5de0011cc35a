"""Security checks: SCRAM + TLS reach aiokafka, secrets stay out of logs and metrics, no torch."""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from conflict_events.settings import Settings
from conflict_events.stream.embedded import cli_command, free_port

REPO = Path(__file__).resolve().parents[1]
SECRET = "S3cr3t-scram-pass-7f1c"


@pytest.fixture(scope="module")
def client_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throwaway self-signed certificate and key (PEM) made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl command not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "client.pem", folder / "client.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test-client",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


def scram_tls_settings(cert: Path, key: Path, **extra: object) -> Settings:
    """SASL_SSL + SCRAM-SHA-256 with a CA file and a client certificate (mutual TLS)."""
    values: dict[str, object] = {
        "KAFKA_BOOTSTRAP_SERVERS": "broker-1:9093,broker-2:9093",
        "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "KAFKA_SASL_MECHANISM": "SCRAM-SHA-256",
        "KAFKA_SASL_USERNAME": "extractor",
        "KAFKA_SASL_PASSWORD": SECRET,
        "KAFKA_SSL_CAFILE": str(cert),
        "KAFKA_SSL_CERTFILE": str(cert),
        "KAFKA_SSL_KEYFILE": str(key),
        **extra,
    }
    return Settings(**values)  # type: ignore[arg-type]


class TestClientOptions:
    def test_scram_and_tls_pass_through_to_aiokafka(self, client_cert: tuple[Path, Path]) -> None:
        """SCRAM-SHA-256 over TLS: aiokafka gets the mechanism, credentials and a verifying TLS context."""
        settings = scram_tls_settings(*client_cert)
        options = settings.aiokafka_options()
        context = options["ssl_context"]
        assert (
            options["bootstrap_servers"], options["security_protocol"], options["sasl_mechanism"],
            options["sasl_plain_username"], options["sasl_plain_password"],
        ) == ("broker-1:9093,broker-2:9093", "SASL_SSL", "SCRAM-SHA-256", "extractor", SECRET)
        assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, True)
        assert [cert["subject"] for cert in context.get_ca_certs()] == [((("commonName", "test-client"),),)]

    def test_aiokafka_accepts_the_options(self, client_cert: tuple[Path, Path]) -> None:
        """The options build a real AIOKafkaProducer (unknown or mistyped keywords would raise here)."""
        settings = scram_tls_settings(*client_cert, KAFKA_SASL_MECHANISM="SCRAM-SHA-512")

        async def build() -> tuple[str, str]:
            producer = AIOKafkaProducer(**settings.aiokafka_options())
            client = producer.client
            return client._sasl_mechanism, client._security_protocol

        import asyncio

        assert asyncio.run(build()) == ("SCRAM-SHA-512", "SASL_SSL")

    def test_faust_gets_scram_credentials_with_tls(self, client_cert: tuple[Path, Path]) -> None:
        """The Faust worker gets SASL credentials carrying the mechanism and the same TLS settings."""
        credentials = scram_tls_settings(*client_cert).faust_credentials()
        assert (type(credentials).__name__, credentials.mechanism.value, credentials.username) == (
            "SASLCredentials", "SCRAM-SHA-256", "extractor",
        )
        assert credentials.ssl_context.verify_mode == ssl.CERT_REQUIRED


class TestSecretsStayOut:
    def test_secret_absent_from_every_rendering(self, client_cert: tuple[Path, Path]) -> None:
        """repr, str, model_dump_json and the logged redacted() dict never contain the password."""
        settings = scram_tls_settings(*client_cert)
        renderings = [
            repr(settings), str(settings), settings.model_dump_json(),
            json.dumps(settings.redacted(), default=str),
        ]
        assert [SECRET in text for text in renderings] == [False, False, False, False]

    @pytest.mark.timeout(120)
    def test_worker_logs_and_metrics_hold_no_secret(self, tmp_path: Path) -> None:
        """A worker with SCRAM credentials and no broker never prints or serves the password."""
        port = free_port()
        env = {
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",
            "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
            "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME": "extractor",
            "KAFKA_SASL_PASSWORD": SECRET,
            "METRICS_PORT": str(port),
            "METRICS_ADDR": "127.0.0.1",
        }
        out, err = tmp_path / "worker.out", tmp_path / "worker.err"
        fake = "conflict_events.stream.testing:make_fake_extractor"
        command = cli_command("worker", "--no-create-topics", "--extractor", fake)
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            process = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr, cwd=REPO)
        metrics = ""
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not metrics:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as response:
                        metrics = response.read().decode()
                except OSError:
                    time.sleep(0.5)
            time.sleep(3.0)  # let connection attempts fail and log
        finally:
            process.kill()
            process.wait(timeout=10)
        logs = out.read_text(encoding="utf-8") + err.read_text(encoding="utf-8")
        assert "worker_starting" in logs
        assert "extractor_build_info" in metrics
        assert (SECRET in logs, SECRET in metrics) == (False, False)


class TestTorchFree:
    def test_torch_not_installed(self) -> None:
        """torch is not installed in the worker environment (spaCy's small CNN model needs none)."""
        import importlib.util

        assert importlib.util.find_spec("torch") is None

    def test_core_and_worker_import_no_torch(self) -> None:
        """Importing the extraction core and the worker pulls in neither torch nor transformers."""
        code = (
            "import sys, conflict_events.core.pipeline, conflict_events.resources;"
            "import conflict_events.stream.worker;"
            "print(sorted(m for m in ('torch', 'transformers', 'tensorflow') if m in sys.modules))"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert (result.returncode, result.stdout.strip()) == (0, "[]")
