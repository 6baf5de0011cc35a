"""``conflict-events bench``: throughput, latency and memory, in process and through Kafka."""
