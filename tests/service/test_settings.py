"""ServiceSettings: defaults, the environment (read only when asked), and bad values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from precis.errors import OptionError
from precis.service.settings import MB, ServiceSettings


def test_settings_defaults(tmp_path: Path) -> None:
    s = ServiceSettings(state_dir=tmp_path, workers=3)
    assert s.max_upload_bytes == 20 * MB and s.max_text_chars == 5_000_000
    assert s.request_timeout_s == 30 and s.job_timeout_s == 600
    assert s.max_queue == 256  # 64 x workers, at least 256
    assert ServiceSettings(state_dir=tmp_path, workers=8).max_queue == 512
    assert s.max_queue_bytes == 256 * MB
    assert s.api_key is None and s.cors_origins == () and s.allow_private_urls is False
    assert s.db_path == tmp_path / "jobs.sqlite3"


def test_settings_default_state_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert ServiceSettings().state_dir == tmp_path / ".local" / "state" / "precis"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert ServiceSettings().state_dir == tmp_path / "xdg" / "precis"


def test_settings_from_env_reads_precis_variables(tmp_path: Path) -> None:
    env = {
        "PRECIS_STATE_DIR": str(tmp_path),
        "PRECIS_MAX_UPLOAD_BYTES": "1000",
        "PRECIS_REQUEST_TIMEOUT": "2.5",
        "PRECIS_WORKERS": "2",
        "PRECIS_API_KEY": "k",
        "PRECIS_CORS_ORIGINS": "https://a.example, https://b.example",
        "PRECIS_ALLOW_PRIVATE_URLS": "yes",
        "PRECIS_MODELS": "*",
    }
    s = ServiceSettings.from_env(env, workers=4)
    assert s.state_dir == tmp_path and s.max_upload_bytes == 1000 and s.request_timeout_s == 2.5
    assert s.workers == 4 and s.max_queue == 256  # an override wins over the environment
    assert s.api_key == "k" and s.cors_origins == ("https://a.example", "https://b.example")
    assert s.allow_private_urls is True and s.allows_model("anything")


def test_settings_models_allow_list(tmp_path: Path) -> None:
    s = ServiceSettings(state_dir=tmp_path, workers=1, models=("http://m/v1",))
    assert s.allows_model("http://m/v1") and not s.allows_model("/etc")
    assert not ServiceSettings(state_dir=tmp_path, workers=1).allows_model("gpt2")


@pytest.mark.parametrize(
    ("env", "overrides"),
    [
        ({"PRECIS_WORKERS": "many"}, {}),
        ({"PRECIS_ALLOW_PRIVATE_URLS": "perhaps"}, {}),
        ({}, {"workers": 0}),
        ({}, {"max_queue": -1}),
        ({}, {"request_timeout_s": 0}),
        ({}, {"colour": "red"}),
    ],
)
def test_settings_bad_values_raise_option_error(env: dict, overrides: dict) -> None:
    with pytest.raises(OptionError):
        ServiceSettings.from_env(env, **overrides)


def test_service_package_import_is_light() -> None:
    code = "import sys, precis.service; print('fastapi' in sys.modules, 'pebble' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
