"""Deployment settings, read once from the environment by the entry points and passed down.

Everything that changes between deploys is an environment variable (12-factor).  The core never
reads this module; the shell (worker, publish, tail, demo) does, once, and hands values on.
"""

from __future__ import annotations

import ssl
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


DLQ_HEADER_ROOM_BYTES = 64 * 1024
"""Space kept free in a dead-letter record for its key and headers."""


def category_topic(events_topic: str, category: str) -> str:
    """The routing rule, defined once: an event of ``category`` also goes to ``<events>.<category>``."""
    return f"{events_topic}.{category}"


class Settings(BaseSettings):
    """All runtime settings of the stream service (frozen; unprefixed environment variables).

    Variables (defaults in brackets):
        KAFKA_BOOTSTRAP_SERVERS [localhost:9092]: comma-separated host:port list.
        KAFKA_SECURITY_PROTOCOL [PLAINTEXT]: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.
        KAFKA_SASL_MECHANISM [PLAIN]: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.
        KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD: SASL credentials (the password is a secret, never logged).
        KAFKA_SSL_CAFILE, KAFKA_SSL_CERTFILE, KAFKA_SSL_KEYFILE: PEM files for TLS (CA, client cert, key).
        TOPIC_ARTICLES [articles], TOPIC_EVENTS [conflict-events], TOPIC_OUTCOMES [article-outcomes],
        TOPIC_DLQ [articles.dlq]: topic names; events are also routed to ``<TOPIC_EVENTS>.<category>``.
        TOPIC_PARTITIONS [6], TOPIC_REPLICATION_FACTOR [1]: used when the worker creates missing topics.
        TOPIC_INCIDENTS [conflict-incidents]: compacted topic of incident records (key incident id).
        TOPIC_INCIDENT_KEYS [<TOPIC_EVENTS>.by-incident-key]: internal topic of events re-keyed by the
        resolver's partition key (country + date bucket).
        INCIDENTS_ENABLED [true]: the worker also resolves incidents (a second stage fed by its events);
        ``conflict-events resolver`` runs that stage alone.
        RESOLVER_CONSUMER_GROUP [<CONSUMER_GROUP>-resolver]: consumer group of ``conflict-events resolver``.
        CONSUMER_GROUP [conflict-events]: consumer group id of the worker.
        METRICS_PORT [9464], METRICS_ADDR [0.0.0.0]: where /metrics is served (port 0 disables it).
        MAX_MESSAGE_BYTES [1048576]: larger article messages are dead-lettered as ``too_large``.
        PROCESSING_GUARANTEE [at_least_once]: the worker refuses ``exactly_once`` (not implemented).
        BATCH_SIZE [8], BATCH_WITHIN_SECONDS [0.005]: articles handed to ``extract_many`` together and the
        longest wait to fill a batch.  ``conflict-events bench`` on an idle 2-core machine, against 1 / 0.05:
        throughput +6% (one worker), +11% (two), half-rate p99 latency 130 ms instead of 187 ms.
        EXTRACT_TIMEOUT_SECONDS [60]: a batch still extracting after this is dead-lettered
        (``extraction_error``), committed, and the worker restarts itself (exit code 3).
        CONSUMER_SESSION_TIMEOUT_SECONDS [30], CONSUMER_REBALANCE_TIMEOUT_SECONDS [30],
        CONSUMER_HEARTBEAT_INTERVAL_SECONDS [3]: group membership timing (tests use 6 / 5 / 1).
        LOG_LEVEL [INFO].

    Example:
        >>> Settings(KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:9092").bootstrap_servers
        '127.0.0.1:9092'
    """

    model_config = SettingsConfigDict(
        frozen=True, extra="ignore", populate_by_name=True, case_sensitive=False
    )

    bootstrap_servers: str = Field(default="localhost:9092", alias="KAFKA_BOOTSTRAP_SERVERS", min_length=1)
    security_protocol: SecurityProtocol = Field(default="PLAINTEXT", alias="KAFKA_SECURITY_PROTOCOL")
    sasl_mechanism: SaslMechanism = Field(default="PLAIN", alias="KAFKA_SASL_MECHANISM")
    sasl_username: str | None = Field(default=None, alias="KAFKA_SASL_USERNAME")
    sasl_password: SecretStr | None = Field(default=None, alias="KAFKA_SASL_PASSWORD")
    ssl_cafile: str | None = Field(default=None, alias="KAFKA_SSL_CAFILE")
    ssl_certfile: str | None = Field(default=None, alias="KAFKA_SSL_CERTFILE")
    ssl_keyfile: str | None = Field(default=None, alias="KAFKA_SSL_KEYFILE")
    topic_articles: str = Field(default="articles", alias="TOPIC_ARTICLES", pattern=r"^[a-z0-9.\-]+$")
    topic_events: str = Field(default="conflict-events", alias="TOPIC_EVENTS", pattern=r"^[a-z0-9.\-]+$")
    topic_outcomes: str = Field(default="article-outcomes", alias="TOPIC_OUTCOMES", pattern=r"^[a-z0-9.\-]+$")
    topic_dlq: str = Field(default="articles.dlq", alias="TOPIC_DLQ", pattern=r"^[a-z0-9.\-]+$")
    topic_incidents: str = Field(
        default="conflict-incidents", alias="TOPIC_INCIDENTS", pattern=r"^[a-z0-9.\-]+$"
    )
    topic_incident_keys: str | None = Field(
        default=None, alias="TOPIC_INCIDENT_KEYS", pattern=r"^[a-z0-9.\-]+$"
    )
    incidents_enabled: bool = Field(default=True, alias="INCIDENTS_ENABLED")
    resolver_consumer_group: str | None = Field(default=None, alias="RESOLVER_CONSUMER_GROUP", min_length=1)
    topic_partitions: int = Field(default=6, alias="TOPIC_PARTITIONS", ge=1, le=10_000)
    topic_replication_factor: int = Field(default=1, alias="TOPIC_REPLICATION_FACTOR", ge=1, le=32)
    consumer_group: str = Field(default="conflict-events", alias="CONSUMER_GROUP", min_length=1)
    metrics_port: int = Field(default=9464, alias="METRICS_PORT", ge=0, le=65535)
    metrics_addr: str = Field(default="0.0.0.0", alias="METRICS_ADDR")
    max_message_bytes: int = Field(default=1_048_576, alias="MAX_MESSAGE_BYTES", ge=1)
    processing_guarantee: Literal["at_least_once", "exactly_once"] = Field(
        default="at_least_once", alias="PROCESSING_GUARANTEE"
    )
    batch_size: int = Field(default=8, alias="BATCH_SIZE", ge=1, le=1000)
    batch_within_seconds: float = Field(default=0.005, alias="BATCH_WITHIN_SECONDS", gt=0, le=10)
    extract_timeout_seconds: float = Field(default=60.0, alias="EXTRACT_TIMEOUT_SECONDS", gt=0)
    consumer_session_timeout_seconds: float = Field(
        default=30.0, alias="CONSUMER_SESSION_TIMEOUT_SECONDS", gt=0
    )
    consumer_rebalance_timeout_seconds: float = Field(
        default=30.0, alias="CONSUMER_REBALANCE_TIMEOUT_SECONDS", gt=0
    )
    consumer_heartbeat_interval_seconds: float = Field(
        default=3.0, alias="CONSUMER_HEARTBEAT_INTERVAL_SECONDS", gt=0
    )
    log_level: LogLevel = Field(default="INFO", alias="LOG_LEVEL")

    @model_validator(mode="after")
    def _check_security(self) -> Settings:
        if self.security_protocol.startswith("SASL") and not (self.sasl_username and self.sasl_password):
            raise ValueError(
                f"KAFKA_SECURITY_PROTOCOL={self.security_protocol} needs "
                "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"
            )
        if bool(self.ssl_certfile) != bool(self.ssl_keyfile):
            raise ValueError("KAFKA_SSL_CERTFILE and KAFKA_SSL_KEYFILE must be given together")
        return self

    @property
    def producer_max_request_bytes(self) -> int:
        """Largest record the worker sends (and fetch size it asks for): room for two input messages."""
        return max(self.max_message_bytes * 2, 4 * 1024 * 1024)

    @property
    def dlq_max_value_bytes(self) -> int:
        """Longest original body copied into a dead letter; longer ones are truncated (headers say so)."""
        return self.producer_max_request_bytes - DLQ_HEADER_ROOM_BYTES

    @property
    def uses_tls(self) -> bool:
        """Whether connections are encrypted (SSL or SASL_SSL)."""
        return self.security_protocol in ("SSL", "SASL_SSL")

    @property
    def incident_keys_topic(self) -> str:
        """The internal topic of re-keyed events: ``TOPIC_INCIDENT_KEYS``, else
        ``<TOPIC_EVENTS>.by-incident-key``."""
        return self.topic_incident_keys or f"{self.topic_events}.by-incident-key"

    @property
    def resolver_group(self) -> str:
        """Consumer group of ``conflict-events resolver`` (``RESOLVER_CONSUMER_GROUP``, else
        ``<CONSUMER_GROUP>-resolver``): its own group, so it never shares partitions with extraction-only
        workers whose Faust apps subscribe to other topics."""
        return self.resolver_consumer_group or f"{self.consumer_group}-resolver"

    def event_topic(self, category: str) -> str:
        """The routed topic of an event category, ``<TOPIC_EVENTS>.<category>``."""
        return category_topic(self.topic_events, category)

    def ssl_context(self) -> ssl.SSLContext | None:
        """A client TLS context from the CA / cert / key files, or None without TLS."""
        if not self.uses_tls:
            return None
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=self.ssl_cafile)
        if self.ssl_certfile and self.ssl_keyfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context

    def aiokafka_options(self) -> dict[str, Any]:
        """Connection keyword arguments shared by aiokafka producers, consumers and admin clients."""
        options: dict[str, Any] = {
            "bootstrap_servers": self.bootstrap_servers,
            "security_protocol": self.security_protocol,
        }
        context = self.ssl_context()
        if context is not None:
            options["ssl_context"] = context
        if self.security_protocol.startswith("SASL"):
            options["sasl_mechanism"] = self.sasl_mechanism
            options["sasl_plain_username"] = self.sasl_username
            options["sasl_plain_password"] = (
                self.sasl_password.get_secret_value() if self.sasl_password else None
            )
        return options

    def faust_broker_urls(self) -> list[str]:
        """Bootstrap servers as Faust broker URLs (``kafka://host:port``)."""
        return [f"kafka://{server.strip()}" for server in self.bootstrap_servers.split(",") if server.strip()]

    def faust_credentials(self) -> Any:
        """Faust ``broker_credentials`` for SASL and/or TLS, or None for PLAINTEXT."""
        import faust  # the worker's dependency; imported here so settings stay light

        context = self.ssl_context()
        if self.security_protocol.startswith("SASL"):
            return faust.SASLCredentials(
                username=self.sasl_username,
                password=self.sasl_password.get_secret_value() if self.sasl_password else None,
                ssl_context=context,
                mechanism=self.sasl_mechanism,
            )
        if context is not None:
            return faust.SSLCredentials(context)
        return None

    def redacted(self) -> dict[str, Any]:
        """The settings as a dict safe to log (secrets masked)."""
        data = self.model_dump(by_alias=True)
        if self.sasl_password is not None:
            data["KAFKA_SASL_PASSWORD"] = "**********"
        return data
