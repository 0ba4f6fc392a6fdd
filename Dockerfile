# One image for every shoplens service in compose.yaml (Dagster webserver and daemon, dashboard, init).
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY shoplens ./shoplens
COPY ingestion ./ingestion
COPY orchestration ./orchestration
COPY dashboard ./dashboard
COPY dbt_project ./dbt_project
COPY profiles.yml ./
RUN uv sync --frozen --no-dev && mkdir -p /var/lib/shoplens/dagster
# The manifest must exist before the Dagster definitions load; parsing needs no database.
RUN SHOPLENS_PG_HOST=unused SHOPLENS_PG_USER=unused SHOPLENS_PG_DBNAME=unused \
    dbt parse --project-dir dbt_project --profiles-dir .
