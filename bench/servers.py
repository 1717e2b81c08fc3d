"""Real servers on loopback (Chroma, llama.cpp's OpenAI-compatible server), started and always stopped.

Shared by the benchmarks and the scale tests, so both exercise the team-scale path exactly as documented.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def venv_tool(name: str) -> str:
    """A console script installed beside this Python (the venv's `chroma`), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed; run the README's install command")
    return found


def chroma_command(port: int, path: Path) -> list[str]:
    """`chroma run` from the installed chromadb, bound to loopback."""
    return [venv_tool("chroma"), "run", "--host", HOST, "--port", str(port), "--path", str(path)]


def llama_command(port: int, model: Path, *, n_ctx: int = 2048, threads: int = 0) -> list[str]:
    """llama.cpp's OpenAI-compatible server (llama-cpp-python[server]) on loopback."""
    argv = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", HOST, "--port", str(port)]
    argv += ["--n_ctx", str(n_ctx)]
    if threads:
        argv += ["--n_threads", str(threads)]
    return argv


class LoopbackServer:
    """A child process serving HTTP on 127.0.0.1; ready once `health` answers, stopped (then killed) on exit."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        port: int,
        health: str,
        timeout: float = 60.0,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.argv = list(argv)
        self.env = dict(env) if env is not None else None
        self.port = port
        self.health = health
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="copilot-server-", suffix=".log", delete=False)  # noqa: SIM115

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        """The child's process id."""
        if self.process is None:
            raise RuntimeError("server not started")
        return self.process.pid

    def log_tail(self, chars: int = 2000) -> str:
        """The end of what the server printed, for error messages."""
        return Path(self._log.name).read_text(errors="replace")[-chars:]

    def start(self) -> LoopbackServer:
        """Start the process and wait until it answers, or raise with its log."""
        self.process = subprocess.Popen(
            self.argv, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env
        )
        deadline = time.monotonic() + self.timeout
        while True:
            if self.process.poll() is not None:
                problem = f"{self.argv[0]} exited with {self.process.returncode}:\n{self.log_tail()}"
                self.stop()
                raise RuntimeError(problem)
            if _answers(self.url + self.health):
                return self
            if time.monotonic() > deadline:
                problem = f"{' '.join(self.argv)} did not answer in {self.timeout:.0f} s:\n{self.log_tail()}"
                self.stop()
                raise RuntimeError(problem)
            time.sleep(0.2)

    def stop(self) -> None:
        """Terminate, wait, kill if it lingers, remove the log; idempotent."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return int(response.status) < 500
    except urllib.error.HTTPError as err:
        return err.code < 500
    except OSError:
        return False


def chroma_server(path: Path, *, port: int | None = None) -> LoopbackServer:
    """A Chroma server persisting in `path` (not started yet)."""
    port = port or free_port()
    return LoopbackServer(chroma_command(port, path), port=port, health="/api/v2/heartbeat")


def llama_server(model: Path, *, n_ctx: int = 2048, threads: int = 0, port: int | None = None) -> LoopbackServer:
    """llama.cpp's OpenAI-compatible server for a GGUF file (not started yet); its API is under /v1."""
    port = port or free_port()
    return LoopbackServer(llama_command(port, model, n_ctx=n_ctx, threads=threads), port=port, health="/v1/models")
