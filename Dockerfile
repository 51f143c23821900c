# The dashboard with its bundled articles, built into the image so it starts with no network.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_SERVER_HEADLESS=true

# A user without a login shell or root rights runs the dashboard.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
# compose.yaml mounts a province's articles at /data/raw and a named volume at /data/parquet:
# Docker fills a new named volume from the image's folder, owner included, so the build (run
# as app) can write its snapshots there.
RUN mkdir -p /data/raw /data/parquet && chown app:app /data/raw /data/parquet
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=app:app . .
USER app
# Bytecode now: the image sets PYTHONDONTWRITEBYTECODE, so without it every process (each
# build, each dashboard start) would compile the project's source again.
RUN python -m compileall -q loaders queries pages ui dashboard.py
# Build the bundled data now, so the container needs neither the network nor a first-start build.
RUN python -m loaders build --quiet

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)" || exit 1

CMD ["streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501"]
