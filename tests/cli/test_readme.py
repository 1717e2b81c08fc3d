"""Every command in the README works as written: CI runs install and test, this test runs the rest."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text()
CI = (REPO / ".ci" / "run").read_text()
COPILOT = str(Path(sys.executable).parent / "copilot")


def _commands() -> list[str]:
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", README, re.S):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def test_readme_is_short_to_the_first_command() -> None:
    lines = README.splitlines()
    install = next(i for i, line in enumerate(lines) if line.startswith("pip install"))
    serve = next(i for i, line in enumerate(lines) if line.startswith("copilot serve"))
    assert install < 30 and serve < 30


def test_ci_runs_exactly_the_readme_install_and_test_commands() -> None:
    commands = _commands()
    install = next(c for c in commands if c.startswith("pip install"))
    test = next(c for c in commands if "pytest" in c)
    ci_lines = [line.strip() for line in CI.splitlines()]
    assert install in " ".join(ci_lines)
    assert test in ci_lines


@pytest.mark.integration
def test_readme_copilot_commands_run() -> None:
    env = {**os.environ}
    ran = []
    for command in _commands():
        argv = shlex.split(command)
        if argv[0] != "copilot" or argv[1] == "serve":
            continue
        result = subprocess.run([COPILOT, *argv[1:]], env=env, capture_output=True, text=True, timeout=300, cwd=REPO)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        assert result.stdout.strip(), command
        ran.append(argv[1])
    assert {"doctor", "kb", "ask", "review", "team", "prep", "scorecard"} <= set(ran)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.integration
@pytest.mark.server
@pytest.mark.enable_socket
def test_readme_serve_answers_on_loopback() -> None:
    assert "copilot serve" in README
    port = _free_port()
    proc = subprocess.Popen([COPILOT, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "serve exited"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "copilot serve did not answer within 240 s"
                time.sleep(0.5)
        assert response.status == 200 and "Sales Coaching Copilot" in body
    finally:
        proc.terminate()
        proc.wait(timeout=20)
