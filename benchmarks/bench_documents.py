"""Benchmark (not a test): milliseconds per document of one organisation (issue 20).

    .venv/bin/python benchmarks/bench_documents.py [--orgs 50] [--rounds 3] [--langs ru,kk]

For each bundled example (akimat, quasi), ``--orgs`` distinct organisations are made from it (the name numbered,
so no document repeats another's bytes and no cache of a previous document helps) and evaluated beforehand. Then,
after a warm-up on one more (templates parsed, modules imported), each organisation's documents of
:data:`vakr.documents.LANGUAGE_DOCUMENTS` are rendered in turn, as ``vakr run --documents-only`` does, each one
timed. Printed: the mean per organisation of each document, best of ``--rounds`` passes, with the sum of the three
Word documents (the issue's budget: 35 ms per language for the akimat example) and of all six. In Kazakh the
evaluation's Kazakh version, which the six documents share, is made before they are timed and shown apart.
"""

from __future__ import annotations

import argparse
import time

from vakr.documents import LANGUAGE_DOCUMENTS, render_documents
from vakr.documents.wording import wording
from vakr.evaluation.evaluate import Evaluation, evaluate
from vakr.evaluation.kazakh import kazakh_version
from vakr.methodology.catalogue import Catalogue
from vakr.methodology.loader import load_catalogue
from vakr.organisation.load import load_organisation
from vakr.paths import examples_dir

EXAMPLES = ("akimat-example.yaml", "quasi-example.yaml")


def organisations(example: str, catalogue: Catalogue, n: int) -> list[Evaluation]:
    """``n`` evaluations of the example, the organisation's name numbered in each."""
    org = load_organisation(examples_dir() / example, catalogue)
    evaluations = []
    for i in range(n):
        profile = org.profile.model_copy(update={"name": f"{org.profile.name} № {i + 1}",
                                                 "slug": f"{org.profile.slug}-{i + 1}"})
        evaluations.append(evaluate(org.model_copy(update={"profile": profile}), catalogue))
    return evaluations


def one_pass(evaluations: list[Evaluation], catalogue: Catalogue, lang: str) -> dict[str, float]:
    """Seconds per document, summed over the organisations (and the Kazakh version, under «kk»)."""
    names = {wording(lang).file_name(d): d for d in LANGUAGE_DOCUMENTS}
    spent = dict.fromkeys(["kk", *LANGUAGE_DOCUMENTS], 0.0)
    for evaluation in evaluations:
        if lang == "kk":
            t0 = time.perf_counter()
            kazakh_version(evaluation, catalogue)
            spent["kk"] += time.perf_counter() - t0
        for name, document in names.items():
            t0 = time.perf_counter()
            render_documents(evaluation, catalogue, only=(name,), langs=(lang,))
            spent[document] += time.perf_counter() - t0
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--langs", default="ru,kk")
    args = parser.parse_args()
    catalogue = load_catalogue()
    langs = [lang.strip() for lang in args.langs.split(",") if lang.strip()]
    print(f"milliseconds per organisation, mean of {args.orgs} distinct organisations, best of {args.rounds} passes")
    for example in EXAMPLES:
        warm_up, *evaluations = organisations(example, catalogue, args.orgs + 1)
        for lang in langs:
            one_pass([warm_up], catalogue, lang)
            best: dict[str, float] = {}
            for _ in range(args.rounds):
                for key, seconds in one_pass(evaluations, catalogue, lang).items():
                    best[key] = min(best.get(key, float("inf")), seconds * 1000 / len(evaluations))
            print(f"\n{example} [{lang}]")
            for document in LANGUAGE_DOCUMENTS:
                print(f"  {document:<16} {best[document]:8.1f}")
            docx = sum(v for k, v in best.items() if k.endswith(".docx"))
            print(f"  {'three .docx':<16} {docx:8.1f}")
            print(f"  {'all six':<16} {sum(best[d] for d in LANGUAGE_DOCUMENTS):8.1f}")
            if lang == "kk":
                print(f"  {'(Kazakh version of the evaluation, shared by the six)':<16} {best['kk']:.1f}")


if __name__ == "__main__":
    main()
