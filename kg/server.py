"""``kg serve``: Oxigraph's own SPARQL server over the store, on localhost.

The server is the ``oxigraph`` program of the PyPI package of that name (Oxigraph's
CLI, built from the same Rust code as pyoxigraph, which reads the same store). It
speaks the SPARQL 1.1 Protocol (``/query``, ``/update``) and the Graph Store Protocol
(``/store``), and serves the YASGUI query page at ``/`` from its own binary, so the page
works offline. It runs read-only unless ``allow_update``; it stops on Ctrl-C or SIGTERM.

While it runs it holds the store's lock, shared when read-only (``kg query`` still reads
the store, ``kg build`` waits for it to stop) and exclusive when it may write.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO

from kg.errors import InputError, KGError
from kg.store import STORE_DIR, _Lock

__all__ = ["Server", "free_port", "oxigraph_program", "terminate_as_interrupt"]

STARTUP_SECONDS = 30.0
STOP_SECONDS = 10.0


def oxigraph_program() -> str:
    """The path of the ``oxigraph`` program: beside this Python's (a virtualenv's
    ``bin/``), else on ``PATH``."""
    names = ("oxigraph.exe", "oxigraph") if sys.platform == "win32" else ("oxigraph",)
    for name in names:
        beside = Path(sys.executable).parent / name
        if beside.is_file():
            return str(beside)
        found = shutil.which(name)
        if found:
            return found
    raise KGError("the 'oxigraph' server program is missing: pip install oxigraph")


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def store_folder(path: str | Path) -> Path:
    """The store folder of ``path``: an exports folder or a store folder itself."""
    path = Path(path)
    for folder in (path / STORE_DIR, path):
        if (folder / "CURRENT").is_file():
            return folder
    raise InputError(path, "no store here: run 'kg build' first")


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt as Ctrl-C does, so that a
    server stopped by a process manager still stops its child and releases the store."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Server:
    """An Oxigraph SPARQL server over the store in ``store``, on ``host:port``.

    >>> with Server("exports", port=free_port()) as server:  # doctest: +SKIP
    ...     server.query_url
    'http://127.0.0.1:40123/query'
    """

    def __init__(
        self,
        store: str | Path,
        host: str = "127.0.0.1",
        port: int = 7878,
        *,
        allow_update: bool = False,
        cors: bool = False,
        timeout: float | None = None,
    ) -> None:
        self.folder = store_folder(store)
        self.host, self.port = host, port
        self.allow_update = allow_update
        self.cors = cors
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self._lock: _Lock | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's root: the YASGUI page."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"{self.url}/store"

    def command(self) -> list[str]:
        mode = "serve" if self.allow_update else "serve-read-only"
        command = [oxigraph_program(), mode, "--location", str(self.folder)]
        command += ["--bind", f"{self.host}:{self.port}"]
        if self.cors:
            command.append("--cors")
        if self.timeout:
            command += ["--timeout-s", str(int(self.timeout))]
        return command

    def start(self) -> Server:
        """Start the server and wait until it answers; raise if it cannot."""
        self._lock = _Lock(self.folder, exclusive=self.allow_update)
        try:
            self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop)
            self.process = subprocess.Popen(
                self.command(), stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log
            )
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                error = self._log.read().decode("utf-8", "replace")
                why = " ".join(error.split()) or f"exit code {self.process.returncode}"
                raise KGError(f"the SPARQL server did not start: {why}")
            try:
                with urllib.request.urlopen(f"{self.query_url}?query=ASK%7B%7D", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        raise KGError(f"the SPARQL server did not answer on {self.url} in {STARTUP_SECONDS:.0f} s")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after a grace time) and release the lock."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def wait(self) -> int:
        """Serve until the server exits or Ctrl-C (SIGTERM too, inside
        :func:`terminate_as_interrupt`); then stop it. 0, or the server's exit code."""
        assert self.process is not None
        try:
            return self.process.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            with contextlib.suppress(KeyboardInterrupt):
                self.stop()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
