"""The per-organisation run: notebooks executed with papermill, documents written, a batch summary.

Each organisation runs in a worker process into a hidden folder of ``OUT``, whose files are put in place in
``OUT/<slug>/`` only when complete (a failed or interrupted run leaves the previous complete documents, never a
half-written set; two organisations with one slug get ``<slug>/`` and ``<slug>-2/``, decided in the order of the
batch); its notebooks run in the worker's warm kernel, one kernel per worker kept across organisations (namespace
cleared before each notebook, so starting Python and importing vakr is paid once per worker; a kernel that dies
fails its organisation and is replaced for the next); a failure is recorded with the failing notebook, cell and
message, and the others go on — also when a worker process itself dies (its organisations are run again one at a
time, and the one that kills a worker alone is reported). Parameters reach the notebooks only as papermill
parameters the runner builds itself (an absolute validated path, a folder and an ISO date), never as code built
from user text.

Streaming: organisations are handed to the workers a bounded window ahead of the first one not yet put in place,
and each is put in place as soon as it and all before it in the batch are finished, so the slug rule stays that of
the batch order while memory holds only the summary rows and the disk at most a window of hidden folders. Each
organisation put in place is recorded in ``OUT/.vakr-run.jsonl`` (:mod:`vakr.run.manifest`), which lets
``--resume`` skip the organisations whose outputs are complete and newer than their file.

The catalogue: each worker loads it itself (:func:`run_one`; the loader keeps it, so once per process), and a
catalogue that does not load fails each organisation with its message; the summary's columns come from the bundled
catalogue (:func:`_summary_catalogue`).
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import forkserver
from pathlib import Path
from typing import Any

from vakr.documents import document_names, render_documents
from vakr.errors import CatalogueError, DocumentError, InputError, NotebookFailed, StrictRefusal, VakrError
from vakr.evaluation.evaluate import Evaluation, evaluate, review_warnings, strict_check
from vakr.evaluation.kazakh import kazakh_version
from vakr.formatting import Lang
from vakr.io_files import check_target, discard, interrupts_deferred, move_set
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.organisation.load import load_organisation_with_warnings
from vakr.organisation.model import Organisation, slugify
from vakr.organisation.year_titles import project_applies
from vakr.paths import notebooks_dir
from vakr.region.record import RECORD_FILE, render_record
from vakr.run.kernel import NOTEBOOKS, YEAR_NOTEBOOKS, KernelDied, current_kernel, drop_kernel
from vakr.run.manifest import Manifest, row_result, run_options, source_key, stat_of
from vakr.run.progress import BatchBar, batch_bar
from vakr.run.summary import OrgResult, write_summary
from vakr.site.monitoring import CALENDAR_FILE
from vakr.site.notebook import DOCUMENTS_OF

STAGING_PREFIX = ".vakr-staging-"  # hidden folders in OUT where one organisation's results are prepared
FAILED_SUFFIX = ".failed"  # OUT/<slug>.failed/: the executed notebooks of a failed run, as evidence
WINDOW_PER_JOB = 8  # how far ahead of the first organisation not yet in place the workers may run, per worker
WORKER_DIED = ("процесс обработки организации завершился аварийно (нехватка памяти или внешний сигнал);"
               " остальные организации обработаны")


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
        # Taken before the file is read: a change while it is read shows on --resume as a changed file.
        result.source_stat = stat_of(source)
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
            kernel = current_kernel(notebooks_dir())
            approved = evaluation.schedule.event("plan_approved").date
            for name in notebooks_of(org, catalogue, as_of, approved):
                result.notebook = f"{name}.ipynb"
                # Only the notebooks that write documents take the language (papermill warns of others).
                own = {**params, "lang": lang} if name in DOCUMENTS_OF else params
                kernel.run(name, own, stage / f"{name}.ipynb", folder=Path(folder) if folder else None)
                result.files.append(f"{name}.ipynb")
            result.notebook = ""
            written = [stage / name for name in (*document_names(langs), CALENDAR_FILE) if (stage / name).exists()]
        # The record `vakr region` reads instead of evaluating the organisation again (its plan counted on the
        # run's date).
        record = stage / RECORD_FILE
        record.write_bytes(render_record(evaluation, org, catalogue, as_of or dt.date.today()))
        written.append(record)
        result.files.extend(p.name for p in written)
        result.staged = str(stage)
    except NotebookFailed as exc:
        if isinstance(exc, KernelDied):
            drop_kernel()  # the next organisation gets a new kernel
        message = f"{exc.ename}: {exc.evalue}" if exc.ename else exc.evalue
        result.status, result.message, result.cell = "failed", message, exc.cell
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
    except BaseException:  # a request to stop (SIGTERM in a worker) or Ctrl-C: the kernel goes with the work
        drop_kernel()
        raise
    finally:
        if stage is not None and not result.staged:
            discard(stage)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def write_documents(evaluation: Evaluation, stage: Path, catalogue: Catalogue,
                    langs: tuple[Lang, ...] = ("ru",)) -> list[Path]:
    """The documents (:func:`vakr.documents.render_documents`) written straight into the hidden folder ``stage``:
    no temporary file and rename per document, as :func:`vakr.documents.write_documents` does for a folder people
    see — nobody sees this one, it is put in place only after :func:`run_one` has written all of it, and one left
    half-written by an interruption is removed, never put in place."""
    paths = []
    for name, data in render_documents(evaluation, catalogue, langs=langs).items():
        path = stage / name
        with open(path, "wb") as handle:
            handle.write(data)
        paths.append(path)
    return paths


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
    resume: bool = False,
) -> list[OrgResult]:
    """Run every organisation, ``jobs`` at a time; write ``summary.csv`` and ``summary.html``; return the results
    in the order of ``sources``. ``resume``: skip the organisations whose outputs an earlier run into ``out``
    left complete and newer than their file, with the same options (their results say ``resumed``).
    ``notebooks_folder`` replaces the repository's notebooks (for tests). ``progress``: a bar on stderr when it is
    a terminal."""
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
    keys = _source_keys(files)
    options = run_options(documents_only=documents_only, langs=langs, today=today, strict=strict,
                          notebooks_folder=notebooks_folder)
    manifest = Manifest(out, options, set(keys) if resume else None)
    job = functools.partial(run_one, out=str(out), today=today.isoformat() if today else None,
                            documents_only=documents_only, folder=str(notebooks_folder) if notebooks_folder else None,
                            strict=strict, langs=langs)
    bar = batch_bar(len(files), progress)
    batch = _Batch(files, keys, out, manifest, bar, resume)
    completed = False
    try:
        if jobs <= 1 or len(files) == 1:
            batch.run_here(job)
        else:
            batch.run_in_workers(job, jobs)
        completed = True
    except KeyboardInterrupt:
        _clean_staging(out)  # folders already in place are complete and recorded; nothing half-done stays
        raise
    finally:
        bar.close()
        drop_kernel()  # this process's kernel (--jobs 1); the workers' ended with them
        manifest.close(compact=completed)  # interrupted: the lines appended so far are the record
    _clean_staging(out)  # a worker that died leaves its hidden folder
    results = batch.results()
    write_summary(results, out, _summary_catalogue())
    return results


def _source_keys(files: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    keys = []
    for source in files:
        absolute = str(Path(source).resolve())
        keys.append(source_key(source, seen.get(absolute, 0)))
        seen[absolute] = seen.get(absolute, 0) + 1
    return keys


class _Batch:
    """The organisations of a batch as they finish, put in place in the batch's order.

    ``finish`` takes a result in any order; the results are put in place from the first not yet placed as far as
    the finished ones reach. On ``--resume`` an organisation whose earlier outputs can stay is not run: at its turn
    its recorded row is taken — if the slug rule still gives it the same folder (an organisation before it in the
    batch may now take that slug); else it goes to ``rerun`` and is run after all.
    """

    def __init__(self, files: list[str], keys: list[str], out: Path, manifest: Manifest, bar: BatchBar,
                 resume: bool):
        self.files, self.keys, self.out, self.manifest, self.bar, self.resume = files, keys, out, manifest, bar, resume
        self.placed: list[OrgResult] = []  # the results in place so far, in order: the summary rows
        self.finished: dict[int, OrgResult] = {}  # finished, waiting for the ones before them
        self.earlier: dict[int, dict[str, Any]] = {}  # skippable on --resume, waiting for their turn
        self.rerun: list[int] = []  # skippable ones whose folder the batch order now gives to another
        self.taken: dict[str, str] = {}  # folder → the source whose results are in it
        self.skipped = 0
        self.pool: ProcessPoolExecutor | None = None  # the workers (a new pool after one of them died)
        umask = os.umask(0)
        os.umask(umask)
        self.folder_mode = 0o777 & ~umask  # a hidden folder put in place whole gets an ordinary folder's mode

    @property
    def next(self) -> int:
        return len(self.placed)

    def results(self) -> list[OrgResult]:
        return self.placed

    def skippable(self, i: int) -> bool:
        """On --resume: whether organisation ``i`` need not run (its entry is kept for its turn)."""
        if not self.resume:
            return False
        entry = self.manifest.skippable(self.keys[i], self.files[i], self.out)
        if entry is None:
            return False
        self.earlier[i] = entry
        self.skipped += 1
        self.bar.total = (self.bar.total or 0) - 1
        self.bar.set_postfix_str(f"пропущено (--resume): {self.skipped}", refresh=False)
        self.advance()
        return True

    def finish(self, i: int, result: OrgResult) -> None:
        self.finished[i] = result
        self.bar.update()
        self.advance()

    def advance(self) -> None:
        """Put in place, in order, every organisation whose turn has come."""
        while True:
            i = self.next
            if i in self.earlier:
                entry = self.earlier.pop(i)
                result = row_result(self.files[i], entry)
                if self._folder_for(result) != entry["folder"]:
                    self.skipped -= 1
                    self.bar.total = (self.bar.total or 0) + 1
                    self.rerun.append(i)
                    return
                self._take(result, entry["folder"])
            elif i in self.finished:
                result = self.finished.pop(i)
                self._put_in_place(i, result)
            else:
                return
            self.placed.append(result)

    def _folder_for(self, r: OrgResult) -> str:
        """The folder the batch order gives ``r``: its slug, or ``slug-2`` (and so on) when an organisation
        before it in the batch took the slug."""
        if r.slug not in self.taken:
            return r.slug
        n = 2
        while f"{r.slug}-{n}" in self.taken:
            n += 1
        return f"{r.slug}-{n}"

    def _take(self, r: OrgResult, name: str) -> None:
        if name != r.slug:
            r.note = (f"краткое имя «{r.slug}» уже занято организацией из {self.taken[r.slug]}: результаты записаны"
                      f" в папку {name}/ (задайте организации своё краткое имя в профиле)")
        self.taken[name] = r.source
        r.folder = name
        r.files = [f"{name}/{f}" for f in r.files]

    def _put_in_place(self, i: int, r: OrgResult) -> None:
        """Move a complete staged result into its folder, all its files together; previous documents are replaced
        only by a complete new set, other files in the folder (the analyst's own) stay."""
        if r.status != "ok" or not r.staged:
            return
        name = self._folder_for(r)
        try:
            # The folder is put in place and recorded together: Ctrl-C takes effect after both.
            with interrupts_deferred():
                _move_staged(Path(r.staged), self.out / name, r.files, self.folder_mode)
                self._take(r, name)
                self.manifest.record(self.keys[i], r, self.out)
        except VakrError as exc:
            r.status, r.message = "failed", str(exc)
        finally:
            discard(r.staged)
            r.staged = ""

    def run_here(self, job: Callable[[str], OrgResult]) -> None:
        """Every organisation in this process, one after another (``--jobs 1``)."""
        ahead = 0
        while self.next < len(self.files):
            if self.rerun:
                i = self.rerun.pop(0)
            else:
                i, ahead = ahead, ahead + 1
                if self.skippable(i):
                    continue
            self.finish(i, job(self.files[i]))

    def run_in_workers(self, job: Callable[[str], OrgResult], jobs: int) -> None:
        """The organisations in ``jobs`` worker processes, at most a window ahead of the first not in place."""
        window = WINDOW_PER_JOB * jobs
        self.pool = _pool(jobs)
        running: dict[Future[OrgResult], int] = {}
        ahead = 0
        try:
            while self.next < len(self.files):
                while self.rerun:
                    i = self.rerun.pop(0)
                    running[self.pool.submit(job, self.files[i])] = i
                while ahead < len(self.files) and ahead - self.next < window and not self.rerun:
                    i, ahead = ahead, ahead + 1
                    if not self.skippable(i):
                        running[self.pool.submit(job, self.files[i])] = i
                if self.rerun or self.next == len(self.files):  # (the last ones may be skipped ones, all placed)
                    continue
                if not running:  # cannot happen: what is not running is finished, and what is finished placed
                    raise RuntimeError("порядок прогона нарушен")
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    if isinstance(future.exception(), BrokenProcessPool):
                        broken = True
                    else:
                        self.finish(running.pop(future), future.result())
                if broken:
                    self._after_a_worker_died(running, job, jobs)
        except KeyboardInterrupt:
            if self.pool is not None:
                _stop_workers(self.pool)
            raise
        if self.pool is not None:
            self.pool.shutdown()

    def _after_a_worker_died(self, running: dict[Future[OrgResult], int], job: Callable[[str], OrgResult],
                             jobs: int) -> None:
        """A worker process died (killed, out of memory): the pool is broken and every organisation it held is
        lost. Those are run again one at a time in a new pool, so the one that kills a worker alone is found and
        reported; the others get their results, and the batch goes on."""
        wait(running)
        suspects = []
        for future, i in sorted(running.items(), key=lambda item: item[1]):
            if future.exception() is None:
                self.finish(i, future.result())
            else:
                suspects.append(i)
        running.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        for i in suspects:
            self.pool = _pool(1)
            try:
                result = self.pool.submit(job, self.files[i]).result()
            except BrokenProcessPool:
                result = OrgResult(source=self.files[i], status="failed", message=WORKER_DIED)
            self.pool.shutdown(wait=True)
            self.finish(i, result)
        self.pool = _pool(jobs)


def _move_staged(stage: Path, target: Path, names: list[str], mode: int) -> None:
    """The files ``names`` of a hidden folder into ``target``. A new folder is the hidden folder itself, renamed
    (one rename: complete or absent); into an existing folder the files move together (:func:`move_set`)."""
    if not target.exists() and sorted(os.listdir(stage)) == sorted(names):
        try:
            os.chmod(stage, mode)
            os.rename(stage, target)
            return
        except OSError:
            pass  # e.g. the folder appeared meanwhile: the files one by one, as into any existing folder
    move_set(stage, target, names)


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context(), initializer=_worker_signals)


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
        context.set_forkserver_preload(["vakr.run.batch"])  # vakr.documents, evaluate, the loader: all of it
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


def _clean_staging(out: Path) -> None:
    """After an interruption: remove the hidden folders of results that were never put in place."""
    for stage in out.glob(f"{STAGING_PREFIX}*"):
        discard(stage)
