# An image with sei and the Python pipeline tools it drives (DVC, MLflow, Dagster, cyclonedx-py for the
# SBOM, securesystemslib for the auditors' recipe), for CI jobs and auditors. sei is the standalone
# tarball, which bundles its own Node: build that first, then the image from the repository root:
#   npm ci && npm run build && npm run pack:tarball
#   docker build -t sei .
# The Python tools are those of scripts/python-requirements.txt, installed by scripts/setup-python.sh.
FROM python:3.12-slim-bookworm

# git: sei reads the governed repository's history; a mounted repository is owned by another user, which
# git refuses unless it is a safe directory. The Python tools' wheels need no compiler.
RUN apt-get update \
  && apt-get install --yes --no-install-recommends git ca-certificates \
  && git config --system --add safe.directory "*" \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/sei-src
COPY scripts/setup-python.sh scripts/python-requirements.txt scripts/
ENV SEI_PYTHON_ENV=/opt/sei-python
RUN bash scripts/setup-python.sh && rm -rf /root/.cache .venv-bootstrap

# pack-tarball leaves exactly one sei-v*-linux-x64.tar.gz in dist/.
COPY dist/sei-v*-linux-x64.tar.gz /tmp/sei.tar.gz
RUN tar -xzf /tmp/sei.tar.gz -C /opt && rm /tmp/sei.tar.gz && /opt/sei/bin/sei --version

ENV PATH=/opt/sei/bin:/opt/sei-python/bin:$PATH
WORKDIR /repo
ENTRYPOINT ["sei"]
CMD ["status"]
