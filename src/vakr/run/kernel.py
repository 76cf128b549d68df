"""Notebooks executed with papermill in a warm kernel kept across organisations; refreshing the repository's
notebooks.

A batch worker keeps one kernel (:class:`WarmKernel`) for all the organisations it runs: Python and vakr are imported
once per worker, not once per organisation. Before each notebook the kernel's namespace is cleared and its working
folder set back, so nothing a notebook defined reaches the next one. A kernel that dies (a cell calling
``os._exit``, the kernel process killed, memory exhausted) fails the notebook with :class:`KernelDied`; the caller
drops that kernel and the next organisation gets a fresh one.
"""

from __future__ import annotations

import copy
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vakr.errors import NotebookFailed
from vakr.io_files import write_atomic
from vakr.paths import notebooks_dir

# The notebooks of a run, in order; each reads the same parameters.
NOTEBOOKS = ("schedule", "checklist", "report", "plan", "positions")
# The notebooks of the year after the ВАКР, after those, and the project of direction No. 4 each one shows (None:
# the plan and every project): run only for an organisation whose file has the year's records, and a project's
# notebook only for the organisation types the project applies to (project 3: quasi-public organisations).
YEAR_NOTEBOOKS: dict[str, int | None] = {"monitoring": None, "project2": 2, "project3": 3, "project4": 4}
# The kernel's own log (e.g. ipykernel's note about local TCP transport) is noise in a batch's output.
QUIET_KERNEL = ["--IPKernelApp.log_level=CRITICAL"]
# A batch's kernels keep no input history (nobody reads it, and two kernels writing one SQLite file wait on its
# lock) and no output cache (``Out``, ``_``: no notebook uses them; a reset with it on collects all garbage).
BATCH_KERNEL = [*QUIET_KERNEL, "--HistoryManager.enabled=False", "--InteractiveShell.cache_size=0"]
KERNEL_NAME = "python3"
START_TIMEOUT = 60  # seconds for a new kernel to answer


def kernel_env() -> dict[str, str]:
    """The environment of a kernel: kernels start as ``python -m ipykernel``, so ``python`` must be the interpreter
    vakr is installed in — set for the kernel alone, this process's ``PATH`` is left as it is."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


class KernelDied(NotebookFailed):
    """The kernel process ended while a notebook ran in it (``ename`` is empty: there is no Python error)."""

    def __init__(self, notebook: str, cell: int | None, detail: str):
        super().__init__(notebook, cell, "", f"ядро блокнота завершилось аварийно ({detail}); блокнот остановлен,"
                                             " остальные организации обрабатываются в новом ядре")


# The source notebooks as papermill loads them, by path and (mtime, size): read and parsed once per process.
_SOURCES: dict[Path, tuple[tuple[int, int], Any]] = {}


def _source_notebook(path: Path) -> Any:
    """A fresh copy of the notebook at ``path`` as papermill loads it, parsed once (again only if the file
    changed)."""
    from papermill.iorw import load_notebook_node

    stat = path.stat()
    signature = (stat.st_mtime_ns, stat.st_size)
    cached = _SOURCES.get(path)
    if cached is None or cached[0] != signature:
        nb = load_notebook_node(str(path))
        for cell in nb.cells:  # replaced by the run anyway; not copying them keeps the copy cheap
            if cell.cell_type == "code" and cell.source.strip() and "skip-execution" not in cell.metadata.get("tags", []):
                cell.outputs, cell.execution_count = [], None
        cached = _SOURCES[path] = (signature, nb)
    return copy.deepcopy(cached[1])


class WarmKernel:
    """A kernel and one client of it, kept for many notebooks (of many organisations); :meth:`run` clears the
    namespace before each. Start with :meth:`start`, end with :meth:`shutdown` (idempotent).

    The asynchronous manager and client, as nbclient uses them when it starts a kernel itself: with the blocking
    ones, its wait for a cell's reply blocks the event loop, so its watch for a dead kernel never runs and a kernel
    that dies mid-cell hangs the batch."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.km: Any = None
        self.kc: Any = None

    def start(self) -> WarmKernel:
        _sync(self._start)()
        return self

    async def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        await self.km.start_kernel(cwd=str(self.cwd), extra_arguments=BATCH_KERNEL, env=kernel_env())
        try:
            self.kc = self.km.client()
            self.kc.start_channels()
            await self.kc.wait_for_ready(timeout=START_TIMEOUT)
            self.kc.allow_stdin = False
        except BaseException:
            await self._shutdown()
            raise

    def alive(self) -> bool:
        if self.km is None:
            return False
        try:
            return bool(_sync(self.km.is_alive)())
        except Exception:  # noqa: BLE001 - a manager that cannot tell is no kernel to use
            return False

    def shutdown(self) -> None:
        """Stop the client and the kernel process (at once: nothing in it is worth waiting for)."""
        if self.km is not None or self.kc is not None:
            _sync(self._shutdown)()

    async def _shutdown(self) -> None:
        km, kc, self.km, self.kc = self.km, self.kc, None, None
        if kc is not None:
            try:
                kc.stop_channels()
            except Exception:  # noqa: BLE001, S110 - shutting down whatever is left
                pass
        if km is not None:
            try:
                await km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001 - already gone
                try:
                    await km.cleanup_resources()
                except Exception:  # noqa: BLE001, S110
                    pass

    def _exit_detail(self) -> str:
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        code = process.poll() if process is not None else None
        if code is None:
            return "процесс ядра не отвечает"
        return f"процесс ядра остановлен сигналом {-code}" if code < 0 else f"код выхода {code}"

    def reset(self) -> None:
        """The namespace cleared as by ``%reset -f``, the working folder set back and the cells counted from 1
        again: the next notebook starts as in a new kernel, with only the imported modules kept (vakr keeps no
        state of an organisation in them: its caches are keyed by value or hold the object they are keyed by).

        ``InteractiveShell.reset`` is what ``%reset -f`` calls, without the magic's full garbage collection
        afterwards (0.1 s with pandas and matplotlib imported, at every notebook); Python's own collector frees
        the same cycles as it goes, and with the output cache off (:data:`BATCH_KERNEL`) the reset keeps no
        reference to a result."""
        code = (f"import os as __vakr_os\n__vakr_os.chdir({str(self.cwd)!r})\n"
                "get_ipython().reset(new_session=False)\nget_ipython().execution_count = 1")
        reply = _sync(self.kc.execute_interactive)(code, timeout=START_TIMEOUT, store_history=False,
                                                   allow_stdin=False, output_hook=lambda _msg: None)
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"сброс ядра блокнота не удался: {reply['content'].get('evalue', '')}")

    def run(self, name: str, params: dict[str, str], target: Path, *, folder: Path | None = None) -> Path:
        """Execute notebook ``name`` (from ``folder``, default: the repository's) with papermill's parameters into
        ``target``, after :meth:`reset`. A failing cell raises :class:`NotebookFailed`, a dead kernel
        :class:`KernelDied`; the executed notebook is written in both cases, so the reviewer sees where it broke.

        papermill's own ``execute_notebook`` is not used: it would read and validate the source notebook each time
        and write the output after every cell; here the source is parsed once per process, the output written once,
        and the client of the warm kernel reused.
        """
        from nbclient.exceptions import DeadKernelError
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NotebookExecutionManager
        from papermill.exceptions import PapermillExecutionError
        from papermill.execute import prepare_notebook_metadata, raise_for_execution_errors, remove_error_markers
        from papermill.iorw import write_ipynb
        from papermill.parameterize import parameterize_notebook

        source = (folder or notebooks_dir()) / f"{name}.ipynb"
        nb = parameterize_notebook(_source_notebook(source), params, kernel_name=KERNEL_NAME, language="python")
        nb = remove_error_markers(prepare_notebook_metadata(nb, str(source), str(target)))
        if not self.alive():
            raise KernelDied(f"{name}.ipynb", None, self._exit_detail())
        self.reset()
        manager = NotebookExecutionManager(nb, output_path=None, progress_bar=False, log_output=False,
                                           autosave_cell_every=0)
        client = PapermillNotebookClient(manager, km=self.km, kernel_name=KERNEL_NAME, log=_QUIET_LOG,
                                         startup_timeout=START_TIMEOUT)
        client.kc = self.kc  # the warm kernel's client: no new client and no waiting for it per notebook
        manager.notebook_start()
        try:
            client.execute()
        except DeadKernelError:
            write_ipynb(nb, str(target))
            raise KernelDied(f"{name}.ipynb", _last_started_cell(nb), self._exit_detail()) from None
        finally:
            manager.cleanup_pbar()
            manager.notebook_complete()
        try:
            raise_for_execution_errors(nb, str(target))
        except PapermillExecutionError as exc:
            raise NotebookFailed(f"{name}.ipynb", exc.cell_index + 1, exc.ename, exc.evalue) from None
        write_ipynb(nb, str(target))
        return target


# The warm kernel of this process (a batch worker, or the batch's own process with --jobs 1), started on first use.
_CURRENT: WarmKernel | None = None
_CURRENT_FINALISER: list[Any] = [None]


def current_kernel(cwd: Path) -> WarmKernel:
    """This process's warm kernel, started now if there is none or the last one died. A worker process shuts it
    down when it exits (a multiprocessing finaliser: a pool's workers end without running ``atexit``); a kernel
    whose worker was killed outright ends itself, as ipykernel polls its parent process."""
    global _CURRENT
    if _CURRENT is not None and _CURRENT.alive() and _CURRENT.cwd == cwd:
        return _CURRENT
    drop_kernel()
    if _CURRENT_FINALISER[0] is None:
        import multiprocessing.util

        _CURRENT_FINALISER[0] = multiprocessing.util.Finalize(None, drop_kernel, exitpriority=10)
    _CURRENT = WarmKernel(cwd).start()
    return _CURRENT


def drop_kernel() -> None:
    """Shut this process's warm kernel down (after a batch, after a kernel death, when a worker is stopped)."""
    global _CURRENT
    kernel, _CURRENT = _CURRENT, None
    if kernel is not None:
        kernel.shutdown()


def _sync(coroutine: Any) -> Any:
    """A coroutine function as a plain one, run in this thread's event loop — the loop nbclient runs the client's
    sockets in, so the kernel's client can serve both."""
    from jupyter_core.utils import run_sync

    return run_sync(coroutine)


def _last_started_cell(nb: Any) -> int | None:
    """The 1-based number of the cell that was running when the kernel died: the last one papermill started."""
    started = [i for i, cell in enumerate(nb.cells) if cell.metadata.get("papermill", {}).get("start_time")]
    return started[-1] + 1 if started else None


# papermill logs each notebook's start at INFO; a batch has its own progress bar.
_QUIET_LOG = logging.getLogger("vakr.run.kernel")
_QUIET_LOG.addHandler(logging.NullHandler())
_QUIET_LOG.propagate = False


def refresh_notebooks(names: Iterable[str] | None = None) -> list[Path]:
    """Re-execute the repository's notebooks in place with their own parameter defaults (the bundled example), so
    the outputs the handbook embeds and nbval checks are current. No timing metadata is stored (stable diffs)."""
    import nbformat
    from nbclient import NotebookClient

    folder = notebooks_dir()
    paths = [folder / f"{n}.ipynb" for n in names] if names else sorted(folder.rglob("*.ipynb"))
    done = []
    for path in paths:
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name="python3", timeout=600, record_timing=False,
                                extra_arguments=QUIET_KERNEL, resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute(env=kernel_env())
        except Exception as exc:  # report which notebook broke, keep the file as it was
            raise NotebookFailed(str(path.relative_to(folder)), None, type(exc).__name__, str(exc)[:2000]) from None
        write_atomic(path, nbformat.writes(nb) + "\n")
        done.append(path)
    return done
