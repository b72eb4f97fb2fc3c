"""Evidence bundles: verify, tamper, restore exactly, merge without overwriting, refuse hostile zips."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export_data import FILES, MARKER
from plfolio.badges.bundle import BundleError, export_bundle, import_bundle, verify_files
from plfolio.badges.issue import issue_badge
from plfolio.badges.safezip import UnsafeZipError, read_zip
from plfolio.cli import main
from plfolio.store import PortfolioStore


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not p.relative_to(root).as_posix().startswith((".plfolio/", "keys/"))}


@pytest.fixture
def bundle(example_copy, tmp_path):
    store = PortfolioStore(example_copy)
    issue_badge(store, "goals/self-assessed-labs")
    return export_bundle(store, tmp_path / "bundle.zip", "owner")


def test_a_bundle_verifies(bundle):
    check = verify_files(read_zip(bundle))
    assert check.ok, check.errors
    assert any("signature" in line for line in check.checked) and any("eddsa" in line for line in check.checked)
    names = zipfile.ZipFile(bundle).namelist()
    assert "site/index.html" in names and "credentials/goals-self-assessed-labs.json" in names
    assert b'href="site/index.html"' in zipfile.ZipFile(bundle).read("index.html")
    assert not any(n.startswith(("portfolio/keys/", "portfolio/.plfolio/")) for n in names)


def rewrite(bundle, path, change):
    files = read_zip(bundle)
    change(files)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("name,change,words", [
    ("evidence file", lambda f: f.__setitem__("portfolio/evidence/project-planner/planner.pdf",
                                              f["portfolio/evidence/project-planner/planner.pdf"] + b" "),
     "planner.pdf: its contents changed"),
    ("credential field", lambda f: f.__setitem__("credentials/goals-self-assessed-labs.json",
                                                 f["credentials/goals-self-assessed-labs.json"].replace(b"rubric", b"Rubric", 1)),
     "goals-self-assessed-labs.json"),
    ("manifest", lambda f: f.__setitem__("manifest.json", f["manifest.json"].replace(b'"owner"', b'"mentor"')),
     "manifest.json: the signature does not verify"),
    ("extra file", lambda f: f.__setitem__("portfolio/goals/sneaky.md", b"+++\ntitle='x'\n+++\n"),
     "sneaky.md: not listed"),
    ("missing file", lambda f: f.pop("portfolio/plfolio.toml"), "plfolio.toml: listed in the manifest but missing"),
])
def test_one_changed_byte_anywhere_fails_and_names_the_file(bundle, tmp_path, name, change, words):
    tampered = rewrite(bundle, tmp_path / "t.zip", change)
    check = verify_files(read_zip(tampered))
    assert not check.ok and any(words in e for e in check.errors), check.errors
    result = CliRunner().invoke(main, ["verify", str(tampered)])
    assert result.exit_code == 1 and words in result.output
    with pytest.raises(BundleError, match="does not verify"):
        import_bundle(tampered, tmp_path / "new")
    assert not (tmp_path / "new").exists(), "a rejected bundle changes nothing on disk"


def test_owner_round_trip_restores_identical_files(example_copy, bundle, tmp_path):
    report = import_bundle(bundle, tmp_path / "restored")
    assert report.conflicts == []
    assert tree(tmp_path / "restored") == tree(example_copy)


def test_importing_into_an_existing_portfolio_merges_and_reports_conflicts(example_copy, bundle, tmp_path):
    target = tmp_path / "mine"
    import_bundle(bundle, target)
    (target / "goals/pln-and-blogging.md").write_text("+++\ntitle = 'Mine now'\n+++\n", "utf-8")
    (target / "goals/self-assessed-labs.md").unlink()
    report = import_bundle(bundle, target)
    assert report.added == ["goals/self-assessed-labs.md"]
    assert report.conflicts == ["goals/pln-and-blogging.md"]
    assert (target / "goals/pln-and-blogging.md").read_text("utf-8") == "+++\ntitle = 'Mine now'\n+++\n"
    result = CliRunner().invoke(main, ["import", str(bundle), "--into", str(target)])
    assert result.exit_code == 1 and "conflict  goals/pln-and-blogging.md" in result.output


def test_a_mentor_bundle_holds_nothing_private(make_portfolio, tmp_path):
    root = make_portfolio(FILES)
    out = export_bundle(PortfolioStore(root), tmp_path / "m.zip", "mentor")
    files = read_zip(out)
    assert all(MARKER.encode() not in data for data in files.values())
    assert verify_files(files).ok


def zip_with(tmp_path, entries, name="hostile.zip"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        for entry in entries:
            if isinstance(entry, zipfile.ZipInfo):
                z.writestr(entry, b"x")
            else:
                z.writestr(entry, b"x")
    return path


def symlink_info():
    info = zipfile.ZipInfo("portfolio/link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize("entries,words", [
    (["/etc/passwd"], "absolute path"),
    (["C:/windows/x"], "absolute path"),
    (["portfolio/../../escape"], "leaves the folder"),
    (["portfolio\\goals\\x.md"], "backslash"),
    ([symlink_info()], "symbolic link"),
    (["portfolio/a.md", "portfolio/A.md"], "appears twice"),
])
def test_hostile_zips_are_refused(tmp_path, entries, words):
    path = zip_with(tmp_path, entries)
    with pytest.raises(UnsafeZipError, match=words):
        read_zip(path)
    result = CliRunner().invoke(main, ["import", str(path), "--into", str(tmp_path / "new")])
    assert result.exit_code == 1 and not (tmp_path / "new").exists()


def test_too_many_entries(tmp_path):
    path = zip_with(tmp_path, [f"f{i}" for i in range(30)])
    with pytest.raises(UnsafeZipError, match="too many entries"):
        read_zip(path, max_entries=20)


def test_a_zip_bomb_is_stopped_by_counting_real_bytes(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("portfolio/big.txt", b"\0" * (8 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(UnsafeZipError, match="zip bomb"):
        read_zip(path, max_file=1024 * 1024)


def test_non_utf8_names_are_refused(tmp_path):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr("portfolio/caf\u00e9.md", b"x")
    data = raw.getvalue().replace("café".encode("utf-8"), "caf\xe9 ".encode("latin-1")[:5])
    # clear the UTF-8 flag bit so the name is read as cp437
    data = data.replace(b"\x00\x08\x00\x00", b"\x00\x00\x00\x00")
    path = tmp_path / "latin.zip"
    path.write_bytes(data)
    with pytest.raises(UnsafeZipError, match="not UTF-8"):
        read_zip(path)


goal_titles = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "Zs")), min_size=1, max_size=30) \
    .filter(lambda t: t.strip())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(goal_titles, min_size=1, max_size=4, unique_by=str.casefold),
       body=st.text(max_size=80), attachment=st.binary(max_size=200))
def test_owner_export_then_import_is_the_original(make_portfolio, tmp_path_factory, titles, body, attachment):
    files = {f"goals/g{i}.md": f'+++\ntitle = {json.dumps(t)}\n# a comment\n+++\n{body}' for i, t in enumerate(titles)}
    files["evidence/e/index.md"] = '+++\ntitle = "E"\ndate = 2026-01-01\nattachments = ["a.bin"]\n+++\n'
    files["evidence/e/a.bin"] = attachment
    root = make_portfolio(files)
    out = tmp_path_factory.mktemp("b")
    bundle = export_bundle(PortfolioStore(root), out / "b.zip", "owner")
    import_bundle(bundle, out / "restored")
    assert tree(out / "restored") == tree(root)
