"""One problem vocabulary: every layer reports a Problem with a code and a place, and `--json` prints them alike."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from vakr.cli import main
from vakr.errors import CatalogueError, InputError
from vakr.methodology.loader import load_catalogue
from vakr.organisation.load import load_organisation_with_warnings
from vakr.paths import examples_dir, methodology_dir

SPARSE = Path(__file__).parent / "data" / "sparse-land.yaml"


def run_json(capsys, argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_yaml_value_error_is_coded_and_placed_by_path_and_line(tmp_path, capsys):
    data = yaml.safe_load(SPARSE.read_text(encoding="utf-8"))
    data["findings"][1]["likelihood"] = 9
    data["findings"][2]["unit"] = "Отдел, которого нет"
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "likelihood: 9" in text)

    code, result = run_json(capsys, ["validate", str(path), "--json"])

    assert code == 2 and result["ok"] is False and result["exit_code"] == 2
    first = result["problems"][0]
    assert first["severity"] == "error"
    assert first["code"] == "value.integer"
    assert first["field"] == "findings.1.likelihood"
    assert first["place"] == {"file": "org.yaml", "path": "findings[1].likelihood", "line": line}
    assert first["text"] == f"org.yaml, findings[1].likelihood (строка {line}): ожидается целое число от 1 до 5, указано «9»"
    # the cross-check of the same pass, with its own code
    unit = next(p for p in result["problems"] if p["field"] == "findings.2.unit")
    assert unit["code"] == "findings.unit_unknown"
    assert unit["message"].startswith("подразделение «Отдел, которого нет» не указано в профиле организации")


def test_workbook_problems_name_sheet_row_column_and_header(tmp_path):
    path = tmp_path / "akimat.xlsx"
    shutil.copy(examples_dir() / "akimat-example.xlsx", path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Риски"]
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == "Вероятность")
    ws.cell(3, column).value = "высокая"
    wb.save(path)

    with pytest.raises(InputError) as info:
        load_organisation_with_warnings(path)

    [problem] = info.value.problems
    assert problem.code == "value.integer"
    assert problem.field == "findings.1.likelihood"
    assert problem.place.model_dump(exclude_none=True) == {
        "file": "akimat.xlsx", "sheet": "Риски", "row": 3, "column": openpyxl.utils.get_column_letter(column),
        "header": "Вероятность"}
    assert str(problem).startswith(f"akimat.xlsx, лист «Риски», строка 3, столбец {problem.place.column} «Вероятность»:")


def test_validate_json_lists_warnings_with_codes(capsys):
    code, result = run_json(capsys, ["validate", str(SPARSE), "--json"])
    assert code == 0 and result["ok"] is True
    assert result["findings"] == 30
    codes = [p["code"] for p in result["problems"]]
    assert codes.count("positions.unit_without_positions") == 3
    assert "findings.measure_suggested" in codes and "findings.responsible_suggested" in codes
    assert all(p["severity"] == "warning" for p in result["problems"])
    provisional = next(p for p in result["problems"] if p["code"] == "schedule.provisional")
    assert provisional["place"] == {"file": "sparse-land.yaml", "path": "profile", "line": 7}


def test_evaluate_json_warnings_share_the_shape(capsys):
    code, result = run_json(capsys, ["evaluate", str(SPARSE), "--json", "--today", "2027-09-01"])
    assert code == 0
    past = [w for w in result["warnings"] if w["code"] == "schedule.announce_start_past"]
    assert len(past) == 1
    assert set(past[0]) == {"severity", "code", "message", "text", "place", "field"}
    assert past[0]["message"].endswith("уже прошёл на 01.09.2027.")


def test_schedule_and_calendar_errors_in_json(capsys):
    code, result = run_json(capsys, ["schedule", "--start", "2025-05-09", "--end", "2025-03-22", "--json"])
    assert code == 2
    assert [(p["code"], p["field"]) for p in result["problems"]] == [("schedule.end_before_start", "vakr_end")]
    code, result = run_json(capsys, ["calendar", "2036", "--json"])
    assert code == 2
    assert [p["code"] for p in result["problems"]] == ["calendar.out_of_range"]
    code, result = run_json(capsys, ["schedule", "--start", "2025-05-09", "--end", "позавчера", "--json"])
    assert code == 2 and result["problems"][0]["code"] == "usage"
    assert result["problems"][0]["message"].startswith("--end: «позавчера» — не дата.")


def test_catalogue_problems_name_their_file(tmp_path):
    folder = tmp_path / "methodology"
    shutil.copytree(methodology_dir(), folder)
    (folder / "extra.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder, overlay=False)
    [problem] = info.value.problems
    assert problem.code == "catalogue"
    assert problem.place.file == "extra.yaml"
    assert problem.message.startswith("неизвестный файл каталога")
