"""The imperative shell around the extraction core: Kafka in, events / outcomes / dead letters out.

Modules (one job each; Faust is imported only by ``worker``):
- ``decode``: raw message value → ``Article`` or ``Rejection`` (reliability owner).
- ``handling``: a batch of messages → records to send and one ``ArticleOutcome`` each (no I/O).
- ``records``: keys, CloudEvents and ``dlq.*`` headers of outgoing records.
- ``faust_app``, ``worker``, ``worker_command``: the Faust app, the agent, and ``conflict-events worker``.
- ``metrics``, ``logs``, ``topics``: Prometheus metrics, JSON log lines, topic creation.
- ``reader``, ``embedded``: read a topic by highwater; the embedded Tansu broker.
- ``article_input``, ``publish_command``, ``tail_command``, ``broker_command``, ``demo``: the other commands.
- ``extractors``, ``testing``: choose the extractor; a keyword test double of the core.
"""
