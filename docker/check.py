"""Checks docker/compose.yaml and docker/Dockerfile without a Docker engine
(none runs on the CI machines): the compose file is valid YAML with the
services, health check, volumes and variables Vigie needs; the Dockerfile
has a build and a runtime stage, a non-root user and a health check."""
import pathlib
import sys

import yaml

here = pathlib.Path(__file__).parent
compose = yaml.safe_load((here / "compose.yaml").read_text())
problems = []
services = compose.get("services", {})
for name in ("postgres", "vigie"):
    if name not in services:
        problems.append(f"compose: no service {name}")
vigie = services.get("vigie", {})
env = vigie.get("environment", {})
for var in ("VIGIE_DATABASE_URL", "VIGIE_HTTP_ADDR", "VIGIE_FAQ_DIR", "VIGIE_TELEGRAM_TOKEN", "VIGIE_DISCORD_TOKEN"):
    if var not in env:
        problems.append(f"compose: vigie lacks {var}")
if not str(env.get("VIGIE_DATABASE_URL", "")).startswith("postgres://"):
    problems.append("compose: vigie must use PostgreSQL")
if vigie.get("depends_on", {}).get("postgres", {}).get("condition") != "service_healthy":
    problems.append("compose: vigie must wait for a healthy PostgreSQL")
if "healthcheck" not in services.get("postgres", {}):
    problems.append("compose: postgres has no health check")
if not any(str(v).endswith(":/etc/vigie/faq:ro") or ":/etc/vigie/faq" in str(v) for v in vigie.get("volumes", [])):
    problems.append("compose: the directive folder is not mounted")
if "pgdata" not in (compose.get("volumes") or {}):
    problems.append("compose: no volume for PostgreSQL's data")
build = vigie.get("build", {})
# The build context is relative to the compose file; the Dockerfile to the context.
context = (here / build.get("context", ".")).resolve()
if not (context / build.get("dockerfile", "Dockerfile")).is_file():
    problems.append("compose: the build's Dockerfile does not exist")

dockerfile = (here / "Dockerfile").read_text()
stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
if len(stages) < 2 or " AS " not in stages[0]:
    problems.append("Dockerfile: a build stage and a runtime stage are expected")
for needle in ("USER vigie", "HEALTHCHECK", "/healthz", "COPY --from=build", "EXPOSE 8080"):
    if needle not in dockerfile:
        problems.append(f"Dockerfile: no {needle}")
copies = [line.split()[1:] for line in dockerfile.splitlines() if line.startswith("COPY ") and "--from" not in line]
for path in (next(w for w in words if not w.startswith("--")) for words in copies):
    if path not in (".", "Cargo.toml") and not (here / ".." / path).exists():
        problems.append(f"Dockerfile: copies {path}, which does not exist")

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
