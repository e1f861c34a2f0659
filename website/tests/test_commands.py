import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_ensure_admin_prints_a_random_password_once():
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    password = first.getvalue().split("wachtwoord:")[1].split()[0]
    user = get_user_model().objects.get(username="beheerder")
    assert user.is_superuser
    assert user.get_full_name() == "Beheerder"  # mails name the person, not the login name
    assert user.check_password(password)
    assert len(password) >= 16
    assert "wachtwoord:" not in second.getvalue()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_admin_passwords_differ_between_installs():
    passwords = set()
    for _ in range(2):
        get_user_model().objects.all().delete()
        out = io.StringIO()
        call_command("ensure_admin", stdout=out)
        passwords.add(out.getvalue().split("wachtwoord:")[1].strip())
    assert len(passwords) == 2


def run_manage(*args, env):
    """manage.py with production settings, in the environment a server would have (without
    the async-safety switch the browser tests set in this process)."""
    server_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**server_env, "DJANGO_SETTINGS_MODULE": "website.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key_or_hosts():
    result = run_manage("check", env={"SECRET_KEY": "", "ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    result = run_manage("check", env={"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    result = run_manage("check", env={"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": " , "})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS names no host" in result.stderr


def test_production_refuses_to_run_without_a_database_url():
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org", "DATABASE_URL": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SECRET_KEY": "k" * 30 + "Zq8!vX2#pL9@wR4$" + "m" * 30,
            "ALLOWED_HOSTS": "www.example.org",
            # An empty database: the editors'-address check waits for a migrated one.
            "DATABASE_URL": "sqlite:///:memory:",
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout
