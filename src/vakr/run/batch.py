"""The per-organisation run: notebooks executed with papermill, documents written, a batch summary.

Each organisation runs in its own worker process into a hidden folder of ``OUT``, whose files are put in place in
``OUT/<slug>/`` only when complete (a failed or interrupted run leaves the previous complete documents, never a
half-written set; two organisations with one slug get ``<slug>/`` and ``<slug>-2/``); its notebooks run one after
another in one kernel (namespace cleared between them, so starting Python and importing vakr is paid once); a
failure is recorded with the failing notebook, cell and message, and the others go on. Parameters reach the notebooks
only as papermill parameters the runner builds itself (an absolute validated path, a folder and an ISO date), never
as code built from user text.

The catalogue: each worker loads it itself (:func:`run_one`; the loader keeps it, so once per process), and a
catalogue that does not load fails each organisation with its message; the summary's columns come from the bundled
catalogue (:func:`_summary_catalogue`).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import signal
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import forkserver
from pathlib import Path

from tqdm import tqdm

from vakr.documents import document_names, write_documents
from vakr.errors import CatalogueError, DocumentError, InputError, NotebookFailed, StrictRefusal, VakrError
from vakr.evaluation.evaluate import evaluate, review_warnings, strict_check
from vakr.evaluation.kazakh import kazakh_version
from vakr.formatting import Lang
from vakr.io_files import check_target, discard, move_set
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.organisation.load import load_organisation_with_warnings
from vakr.organisation.model import Organisation, slugify
from vakr.organisation.year_titles import project_applies
from vakr.paths import notebooks_dir
from vakr.run.kernel import NOTEBOOKS, YEAR_NOTEBOOKS, notebook_kernel, run_notebook
from vakr.run.summary import OrgResult, write_summary
from vakr.site.monitoring import CALENDAR_FILE
from vakr.site.notebook import DOCUMENTS_OF

STAGING_PREFIX = ".vakr-staging-"  # hidden folders in OUT where one organisation's results are prepared
FAILED_SUFFIX = ".failed"  # OUT/<slug>.failed/: the executed notebooks of a failed run, as evidence


class _Worker:
    # Set in a worker by a request to stop (SIGTERM, :func:`_worker_signals`). The executor's worker loop catches
    # the SystemExit that unwinds the current organisation and goes on to the next one already queued: that one
    # must not start (a whole organisation's notebooks would delay the end of an interrupted batch).
    stopping = False


def run_one(source: str, out: str, today: str | None, documents_only: bool, folder: str | None = None,
            strict: bool = False, langs: tuple[Lang, ...] = ("ru",)) -> OrgResult:
    """Run one organisation (in a worker process). Never raises: problems go into the result."""
    started = time.perf_counter()
    result = OrgResult(source=source)
    if _Worker.stopping:
        result.status, result.message = "failed", "запуск прерван"
        return result
    batch_dir = Path(out)
    stage: Path | None = None
    try:
        catalogue = load_catalogue()  # the worker's own: loaded on its first organisation, then kept by the loader
        as_of = dt.date.fromisoformat(today) if today else None
        org, problems = load_organisation_with_warnings(Path(source), catalogue, today=as_of)
        result.name, result.slug = org.profile.name, org.profile.slug
        safe_child(batch_dir, org.profile.slug)
        evaluation = evaluate(org, catalogue, today=as_of)
        warnings = review_warnings(evaluation, problems)
        if "kk" in langs and (missing := kazakh_version(evaluation, catalogue).warning()):
            warnings.append(missing)
        result.suggested, result.warnings = evaluation.suggestion_summary(), len(warnings)
        if strict:
            strict_check(evaluation, warnings, Path(source).name)
        result.risks = len(evaluation.risks)
        result.bands = dict(evaluation.counts_by_band)
        upcoming = evaluation.schedule.next_deadline(as_of)
        if upcoming:
            result.next_deadline = upcoming.date.isoformat()
            result.next_deadline_title = upcoming.title
        # Everything goes to a hidden folder first; the batch puts it in place only when it is complete.
        stage = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=batch_dir))
        if documents_only:
            written = write_documents(evaluation, stage, catalogue, langs)
        else:
            # Each notebook writes its own documents (the executed notebook is the audit trail of them).
            params = {"org_path": str(Path(source).resolve()), "out_dir": str(stage), "today": today or ""}
            lang = "+".join(langs)
            with notebook_kernel(notebooks_dir()) as kernel:
                approved = evaluation.schedule.event("plan_approved").date
                for name in notebooks_of(org, catalogue, as_of, approved):
                    result.notebook = f"{name}.ipynb"
                    # Only the notebooks that write documents take the language (papermill warns of others).
                    own = {**params, "lang": lang} if name in DOCUMENTS_OF else params
                    run_notebook(name, own, stage / f"{name}.ipynb", kernel, folder=Path(folder) if folder else None)
                    result.files.append(f"{name}.ipynb")
            result.notebook = ""
            written = [stage / name for name in (*document_names(langs), CALENDAR_FILE) if (stage / name).exists()]
        result.files.extend(p.name for p in written)
        result.staged = str(stage)
    except NotebookFailed as exc:
        result.status, result.message, result.cell = "failed", f"{exc.ename}: {exc.evalue}", exc.cell
        if stage is not None:
            _keep_evidence(stage, batch_dir / f"{result.slug}{FAILED_SUFFIX}", result)
    except StrictRefusal as exc:
        result.status, result.message = "refused", str(exc)
    except VakrError as exc:
        result.status, result.message = "failed", str(exc)
    except OSError as exc:  # a disk full, a folder without rights: named, in Russian
        where = f" ({exc.filename})" if exc.filename else ""
        result.status, result.message = "failed", f"не удалось записать результаты{where}: {exc.strerror or exc}"
    except Exception as exc:  # an unexpected failure of one organisation must not stop the batch
        result.status, result.message = "failed", f"внутренняя ошибка vakr: {exc}"
    finally:
        if stage is not None and not result.staged:
            discard(stage)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def notebooks_of(org: Organisation, catalogue: Catalogue, as_of: dt.date | None = None,
                 plan_approved: dt.date | None = None) -> list[str]:
    """The notebooks of the organisation's run: the ВАКР's, then those of the year after it when the file has the
    year's records and the run's date is not before the plan's approval (monitoring a plan not yet approved says
    nothing) — each project's only for the organisation types the project applies to."""
    names = list(NOTEBOOKS)
    too_early = as_of is not None and plan_approved is not None and as_of < plan_approved
    if not org.year.empty and not too_early:
        names += [name for name, project in YEAR_NOTEBOOKS.items()
                  if project is None or project_applies(catalogue, project, org.profile.type)]
    return names


def _keep_evidence(stage: Path, target: Path, result: OrgResult) -> None:
    """The executed notebooks of a failed run, kept as evidence in ``OUT/<slug>.failed/`` — never in the
    organisation's folder, whose previous complete documents stay as they were; no document of the failed run."""
    notebooks = sorted(p.name for p in stage.iterdir() if p.suffix == ".ipynb")
    try:
        move_set(stage, target, notebooks)
    except VakrError:
        return
    result.files = [f"{target.name}/{name}" for name in notebooks]


def safe_child(parent: Path, slug: str) -> Path:
    """``parent/slug`` if it stays inside ``parent`` (no ``..``, separators or absolute paths)."""
    if not slug or slugify(slug) != slug:
        raise InputError.single("profile.slug", f"Краткое имя (slug) «{slug}» недопустимо для имени папки")
    child = (parent / slug).resolve()
    if child.parent != parent.resolve():
        raise InputError.single("profile.slug", f"Папка организации «{slug}» выходит за пределы {parent}")
    return child


def run_batch(
    sources: Iterable[str | Path],
    out: str | Path,
    *,
    jobs: int = 1,
    documents_only: bool = False,
    today: dt.date | None = None,
    progress: bool = True,
    notebooks_folder: str | Path | None = None,
    strict: bool = False,
    langs: tuple[Lang, ...] = ("ru",),
) -> list[OrgResult]:
    """Run every organisation, ``jobs`` at a time; write ``summary.csv`` and ``summary.html``; return the results
    in the order of ``sources``. ``notebooks_folder`` replaces the repository's notebooks (for tests)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise DocumentError(f"Папка результатов {out} — это файл; укажите другую папку (--out).")
    check_target(out / "summary.csv")
    check_target(out / "summary.html")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(f"Не удалось создать папку результатов {out}: {exc.strerror or exc}") from None
    files = [str(Path(s)) for s in sources]
    iso = today.isoformat() if today else None
    folder = str(notebooks_folder) if notebooks_folder else None
    results: dict[int, OrgResult] = {}
    bar = tqdm(total=len(files), desc="Организации", unit="орг.", disable=not progress, file=sys.stderr)
    try:
        if jobs <= 1 or len(files) == 1:
            for i, source in enumerate(files):
                results[i] = run_one(source, str(out), iso, documents_only, folder, strict, langs)
                bar.update()
        else:
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context(), initializer=_worker_signals)
            try:
                futures = {pool.submit(run_one, s, str(out), iso, documents_only, folder, strict, langs): i
                           for i, s in enumerate(files)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    bar.update()
            except KeyboardInterrupt:
                _stop_workers(pool)
                raise
            pool.shutdown()
    except KeyboardInterrupt:
        _clean_staging(out)  # folders already in place are complete; nothing half-done stays
        raise
    finally:
        bar.close()
    ordered = [results[i] for i in range(len(files))]
    _put_in_place(ordered, out)
    write_summary(ordered, out, _summary_catalogue())
    return ordered


def _summary_catalogue() -> Catalogue | None:
    """The catalogue whose levels of risk head the summary's columns: the bundled one (the imported indicator lists
    do not change the risk matrix); ``None`` when it does not load — then every organisation of the batch failed on
    it, and its message says why."""
    try:
        return load_catalogue(overlay=False)
    except CatalogueError:
        return None


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers from a fork server, not forked from this process: after a kernel ran here (``--jobs 1`` earlier in
    the same process, a test session) ZeroMQ threads exist, and a child forked from a threaded process can hang.
    The server imports vakr once, so each worker starts without re-importing it."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["vakr.documents", "vakr.evaluation.evaluate", "vakr.organisation.load"])
        # The server imports vakr before it ignores Ctrl-C itself: started with SIGINT ignored (a disposition a new
        # Python process keeps), a Ctrl-C during those imports cannot print a traceback from it.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)
        return context
    return multiprocessing.get_context("spawn")


def _worker_signals() -> None:
    """In a worker: Ctrl-C is the batch's to handle (a terminal sends it to every process of the group); a request
    to stop (SIGTERM from :func:`_stop_workers`) unwinds the work, so its kernel is shut down and its hidden
    folder removed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def stop(*_: object) -> None:
        _Worker.stopping = True
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, stop)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """After Ctrl-C: cancel what has not started, ask the running workers to stop and wait for them briefly."""
    processes = list(getattr(pool, "_processes", {}).values())  # the executor has no public handle on them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=15)
        if process.is_alive():
            process.kill()


def _put_in_place(results: list[OrgResult], out: Path) -> None:
    """Move each complete staged result into ``OUT/<slug>/``, in the order of the batch, all its files together.
    Two organisations with one slug never overwrite each other: a later one gets ``<slug>-2`` (and so on), and its
    result says so. Previous documents are replaced only by a complete new set; other files in the folder (the
    analyst's own) stay."""
    taken: dict[str, str] = {}
    for r in results:
        if r.status != "ok" or not r.staged:
            continue
        name = r.slug
        if name in taken:
            n = 2
            while f"{r.slug}-{n}" in taken:
                n += 1
            name = f"{r.slug}-{n}"
            r.note = (f"краткое имя «{r.slug}» уже занято организацией из {taken[r.slug]}: результаты записаны"
                      f" в папку {name}/ (задайте организации своё краткое имя в профиле)")
        try:
            move_set(r.staged, out / name, r.files)
        except VakrError as exc:
            r.status, r.message = "failed", str(exc)
            continue
        finally:
            discard(r.staged)
            r.staged = ""
        taken[name] = r.source
        r.folder = name
        r.files = [f"{name}/{f}" for f in r.files]


def _clean_staging(out: Path) -> None:
    """After an interruption: remove the hidden folders of results that were never put in place."""
    for stage in out.glob(f"{STAGING_PREFIX}*"):
        discard(stage)
