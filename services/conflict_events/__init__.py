"""conflict-events: evidence-grounded conflict events from news articles, streamed through Kafka."""

__version__ = "0.1.0"

__all__ = ["__version__"]
