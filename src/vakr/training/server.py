"""`vakr train`: the training course served as a web application with Voilà, for the trainees' browsers.

Voilà runs the course notebook (``notebooks/training/course.ipynb``) in a fresh kernel for every browser tab, so each
trainee has a session of their own, kept only as long as the tab is open. Nothing is fetched from the internet
while it runs: Voilà's page template links Font Awesome from a CDN, so the server is started with a copy of that
template without those links (:func:`offline_template`); every other asset is served by Voilà itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from vakr.errors import UsageError
from vakr.paths import notebooks_dir
from vakr.run.kernel import kernel_env
from vakr.training.exercises import load_course

COURSE = "training/course.ipynb"
TEMPLATE = "vakr-offline"
DEFAULT_PORT = 8866
_CDN = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com")


def course_notebook() -> Path:
    return notebooks_dir() / COURSE


def _voila_lab_template() -> Path:
    """Voilà's own «lab» page template, where the installed package put it."""
    import voila  # type: ignore[import-untyped]

    prefixes = [Path(sys.prefix), Path(voila.__file__).resolve().parents[3]]
    for prefix in prefixes:
        candidate = prefix / "share" / "jupyter" / "voila" / "templates" / "lab" / "index.html.j2"
        if candidate.is_file():
            return candidate
    raise UsageError("Не найден шаблон страницы Voilà (share/jupyter/voila/templates/lab): переустановите vakr "
                     "командой `make install`.")


def offline_template(jupyter_path: Path) -> Path:
    """Write the template «vakr-offline» under ``jupyter_path``/voila/templates: Voilà's «lab» page without the
    links to a CDN. Returns its folder."""
    folder = jupyter_path / "voila" / "templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    lines = _voila_lab_template().read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "index.html.j2").write_text("".join(line for line in lines if not any(c in line for c in _CDN)),
                                          encoding="utf-8")
    (folder / "conf.json").write_text('{"base_template": "lab"}\n', encoding="utf-8")
    return folder


def check_port(host: str, port: int) -> None:
    """A clear message instead of Voilà's traceback when the port is taken or the address is not this machine's."""
    if not 1 <= port <= 65535:
        raise UsageError(f"--port: номер порта должен быть от 1 до 65535, указано {port}.")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"Порт {port} уже занят другой программой (возможно, обучение уже запущено); "
                                 f"укажите другой: vakr train --port {port + 1}.") from None
            raise UsageError(f"--host: адрес {host} не принадлежит этому компьютеру ({exc.strerror}).") from None


def addresses(host: str, port: int) -> list[str]:
    """The addresses trainees open: this machine's network addresses when serving on all of them."""
    if host not in ("0.0.0.0", ""):
        return [f"http://{host}:{port}/"]
    found: list[str] = []
    with contextlib.suppress(OSError):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
            found.append(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        found += [a for a in socket.gethostbyname_ex(socket.gethostname())[2] if not a.startswith("127.")]
    found = [a for a in dict.fromkeys(found) if not a.startswith("127.")]
    return [f"http://{a}:{port}/" for a in found] + [f"http://127.0.0.1:{port}/"]


def voila_command(host: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "voila", str(course_notebook()),
        f"--port={port}", f"--Voila.ip={host}", "--no-browser", f"--template={TEMPLATE}", "--theme=light",
        "--strip_sources=True", "--show_tracebacks=False",
        # A session ends with its tab: the kernel of a closed tab is shut down, nothing is kept on the server.
        "--MappingKernelManager.cull_idle_timeout=3600", "--MappingKernelManager.cull_interval=300",
    ]


@contextlib.contextmanager
def voila_server(host: str = "127.0.0.1", port: int = DEFAULT_PORT, *, quiet: bool = True) -> Iterator[
        subprocess.Popen[bytes]]:
    """Voilà serving the course on ``host``:``port`` until the block ends (for `vakr train` and the tests)."""
    check_port(host, port)
    with tempfile.TemporaryDirectory(prefix="vakr-train-") as tmp:
        offline_template(Path(tmp))
        env = {**kernel_env(), "JUPYTER_PATH": tmp + os.pathsep + os.environ.get("JUPYTER_PATH", "")}
        out = subprocess.DEVNULL if quiet else None
        process = subprocess.Popen(voila_command(host, port), env=env, cwd=tmp, stdout=out, stderr=out,
                                   start_new_session=True)
        try:
            _wait_until_listening(process, "127.0.0.1" if host in ("0.0.0.0", "") else host, port)
            yield process
        finally:
            stop(process)


def _wait_until_listening(process: subprocess.Popen[bytes], host: str, port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise UsageError(f"Сервер обучения (Voilà) завершился при запуске с кодом {process.returncode}.")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
            return
        time.sleep(0.2)
    raise UsageError(f"Сервер обучения (Voilà) не начал принимать подключения за {seconds:.0f} с.")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Voilà and its kernels: SIGINT (Voilà shuts its kernels down and exits), then SIGTERM, then SIGKILL for
    whatever does not stop."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def serve(host: str, port: int) -> int:
    """`vakr train`: serve until Ctrl-C; print the addresses to open. The course's tasks are checked first, so a
    broken task is reported here, with its file and line, not in every trainee's tab."""
    load_course()
    # Ctrl-C may come at any moment, even while the banner is being printed: the whole serving is inside the
    # handler, and leaving the block stops Voilà and its kernels in every case.
    try:
        with voila_server(host, port, quiet=True) as process:
            print("Обучение запущено. Участники открывают в браузере:")
            for address in addresses(host, port):
                print(f"  {address}")
            print("Каждая вкладка — отдельный сеанс; итоги участник скачивает сам (CSV), на сервере ничего не "
                  "сохраняется. Остановить: Ctrl-C.")
            sys.stdout.flush()
            process.wait()
    except KeyboardInterrupt:
        print("\nОбучение остановлено.")
        return 0
    print(f"Сервер обучения остановился сам (код {process.returncode}).", file=sys.stderr)
    return 1
