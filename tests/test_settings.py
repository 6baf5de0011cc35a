"""Settings from the environment: defaults, validation, security options, secrets never shown."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conflict_events.settings import Settings


class TestSettings:
    def test_defaults(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without environment the documented defaults apply."""
        for name in ("KAFKA_BOOTSTRAP_SERVERS", "TOPIC_ARTICLES", "METRICS_PORT", "CONSUMER_GROUP"):
            monkeypatch.delenv(name, raising=False)
        settings = Settings()
        assert (settings.bootstrap_servers, settings.topic_articles, settings.topic_events) == (
            "localhost:9092",
            "articles",
            "conflict-events",
        )
        assert (settings.topic_outcomes, settings.topic_dlq, settings.consumer_group) == (
            "article-outcomes",
            "articles.dlq",
            "conflict-events",
        )
        assert (settings.metrics_port, settings.max_message_bytes, settings.processing_guarantee) == (
            9464,
            1_048_576,
            "at_least_once",
        )

    def test_reads_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Environment variables override defaults."""
        monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092")
        monkeypatch.setenv("TOPIC_PARTITIONS", "12")
        settings = Settings()
        assert settings.faust_broker_urls() == ["kafka://k1:9092", "kafka://k2:9092"]
        assert settings.topic_partitions == 12

    def test_frozen(self) -> None:
        """Settings cannot be changed after construction."""
        settings = Settings(KAFKA_BOOTSTRAP_SERVERS="a:1")
        with pytest.raises(ValidationError):
            settings.bootstrap_servers = "b:2"  # type: ignore[misc]

    def test_sasl_needs_credentials(self) -> None:
        """SASL without username/password is rejected with a message naming the variables."""
        with pytest.raises(ValidationError, match="KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"):
            Settings(KAFKA_SECURITY_PROTOCOL="SASL_PLAINTEXT")

    def test_sasl_scram_options_and_secret_masked(self) -> None:
        """SCRAM credentials reach aiokafka; the password is masked in repr and redacted()."""
        settings = Settings(
            KAFKA_SECURITY_PROTOCOL="SASL_PLAINTEXT",
            KAFKA_SASL_MECHANISM="SCRAM-SHA-512",
            KAFKA_SASL_USERNAME="svc",
            KAFKA_SASL_PASSWORD="hunter2",
        )
        options = settings.aiokafka_options()
        assert (
            options["sasl_mechanism"],
            options["sasl_plain_username"],
            options["sasl_plain_password"],
        ) == (
            "SCRAM-SHA-512",
            "svc",
            "hunter2",
        )
        assert "hunter2" not in repr(settings)
        assert settings.redacted()["KAFKA_SASL_PASSWORD"] == "**********"

    def test_sasl_ssl_builds_tls_context(self) -> None:
        """SASL_SSL gives aiokafka an SSL context and Faust SASL credentials with that context."""
        settings = Settings(
            KAFKA_SECURITY_PROTOCOL="SASL_SSL",
            KAFKA_SASL_USERNAME="u",
            KAFKA_SASL_PASSWORD="p",
        )
        assert settings.aiokafka_options()["ssl_context"] is not None
        credentials = settings.faust_credentials()
        assert (type(credentials).__name__, credentials.mechanism.value) == ("SASLCredentials", "PLAIN")

    def test_plaintext_has_no_tls(self) -> None:
        """PLAINTEXT: no SSL context, no Faust credentials."""
        settings = Settings(KAFKA_BOOTSTRAP_SERVERS="a:1")
        assert (settings.ssl_context(), settings.faust_credentials()) == (None, None)

    def test_cert_without_key_rejected(self) -> None:
        """A client certificate needs its key."""
        with pytest.raises(ValidationError, match="together"):
            Settings(KAFKA_SECURITY_PROTOCOL="SSL", KAFKA_SSL_CERTFILE="/tmp/c.pem")

    def test_topic_names_validated(self) -> None:
        """Topic names allow lowercase letters, digits, dot and hyphen only."""
        with pytest.raises(ValidationError):
            Settings(TOPIC_EVENTS="Conflict_Events")
