"""Notebooks executed with papermill in one reused kernel; refreshing the repository's notebooks."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


def kernel_env() -> dict[str, str]:
    """The environment of a kernel: kernels start as ``python -m ipykernel``, so ``python`` must be the interpreter
    vakr is installed in — set for the kernel alone, this process's ``PATH`` is left as it is."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


@contextmanager
def notebook_kernel(cwd: Path) -> Iterator[Any]:
    """One kernel for all notebooks of an organisation: vakr and its libraries are imported once, and each notebook
    still starts with an empty namespace (see :func:`run_notebook`), so the notebooks stay independent."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(cwd), extra_arguments=QUIET_KERNEL, env=kernel_env())
    try:
        yield km
    finally:
        km.shutdown_kernel(now=True)


def _reset_namespace(km: Any) -> None:
    """``%reset -f`` through a short-lived client of its own (a client kept across papermill runs stops getting
    replies)."""
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive("%reset -f", timeout=60, output_hook=lambda _msg: None)
    finally:
        kc.stop_channels()


def run_notebook(name: str, params: dict[str, str], target: Path, kernel: Any, *, folder: Path | None = None) -> Path:
    """Execute one notebook with papermill into ``target`` in ``kernel`` (from :func:`notebook_kernel`), after
    ``%reset -f``; a failing cell becomes :class:`NotebookFailed`. The executed notebook is written even when it
    fails, so the reviewer sees where it broke.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = (folder or notebooks_dir()) / f"{name}.ipynb"
    _reset_namespace(kernel)
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=params, progress_bar=False, kernel_name="python3",
            log_output=False, km=kernel,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailed(f"{name}.ipynb", exc.cell_index + 1, exc.ename, exc.evalue) from None
    return target


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
