"""Build-time wheel work, run inside Pyodide in Node so bytecode matches the browser's Python.

Three jobs:
- repack a Debian-unpacked dist-packages tree as a proper py3-none-any wheel;
- make a tzdata wheel from a folder of compiled time zones;
- precompile every module of a wheel to __pycache__/*.pyc (unchecked-hash), keeping the .py
  files so tracebacks still show source lines.
"""

from __future__ import annotations

import base64
import compileall
import hashlib
import os
import py_compile
import shutil
import tempfile
import zipfile
from pathlib import Path


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _write_wheel(tree: Path, dist_info: str, out_path: str) -> None:
    """Zip `tree` as a wheel whose RECORD lists every file with its hash."""
    record_name = f"{dist_info}/RECORD"
    rows = []
    files = sorted(p for p in tree.rglob("*") if p.is_file() and p.relative_to(tree).as_posix() != record_name)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            arcname = path.relative_to(tree).as_posix()
            data = path.read_bytes()
            # A fixed timestamp keeps the wheel's bytes the same from one install to the next.
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
            rows.append(f"{arcname},{_record_hash(data)},{len(data)}")
        rows.append(f"{record_name},,")
        info = zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, "\n".join(rows) + "\n")


def _write_dist_info(meta: Path, name: str, version: str, top_level: list[str], metadata: list[str]) -> None:
    """A pure-Python wheel's .dist-info folder (RECORD is written with the zip): `metadata` are the
    METADATA lines after its name and version."""
    meta.mkdir()
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}", *metadata]
    (meta / "METADATA").write_text("\n".join(lines) + "\n")
    (meta / "WHEEL").write_text(
        "Wheel-Version: 1.0\nGenerator: retort-provision\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    (meta / "top_level.txt").write_text("\n".join(top_level) + "\n")
    (meta / "INSTALLER").write_text("retort\n")


def repack_debian(site: str, name: str, version: str, top_level: list[str], requires: list[str], out_dir: str) -> str:
    """Make `<name>-<version>-py3-none-any.whl` in out_dir from the modules `top_level` in `site`."""
    dist = name.replace("-", "_")
    dist_info = f"{dist}-{version}.dist-info"
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        for top in top_level:
            src = Path(site) / top
            if src.is_dir():
                shutil.copytree(src, tree / top, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyx", "*.so"))
            elif src.with_suffix(".py").is_file():
                shutil.copy2(src.with_suffix(".py"), tree / f"{top}.py")
            else:
                raise FileNotFoundError(f"{top} is not in the Debian package")
        _write_dist_info(tree / dist_info, name, version, top_level, [f"Requires-Dist: {req}" for req in requires])
        out = os.path.join(out_dir, f"{dist}-{version}-py3-none-any.whl")
        _write_wheel(tree, dist_info, out)
    return out


def build_tzdata(zones: str, iana: str, version: str, out_dir: str) -> str:
    """Make `tzdata-<version>-py3-none-any.whl` in out_dir from a folder of compiled zones, one file
    per key (`Europe/Paris`), in the layout of PyPI's tzdata: zoneinfo looks a key up as a resource
    of the package `tzdata.zoneinfo.<area>`, so every folder is a package, and lists the keys for
    `available_timezones()` from `tzdata/zones`."""
    dist_info = f"tzdata-{version}.dist-info"
    source = Path(zones)
    keys = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
    if not keys:
        raise ValueError(f"{zones}: no zones")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        package = tree / "tzdata"
        shutil.copytree(source, package / "zoneinfo")
        for folder in [package / "zoneinfo", *(p for p in (package / "zoneinfo").rglob("*") if p.is_dir())]:
            (folder / "__init__.py").write_text("")
        (package / "__init__.py").write_text(f'IANA_VERSION = "{iana}"\n')
        (package / "zones").write_text("\n".join(keys) + "\n")
        _write_dist_info(tree / dist_info, "tzdata", version, ["tzdata"], [f"Summary: The IANA time zone database, release {iana}, for zoneinfo"])
        out = os.path.join(out_dir, f"tzdata-{version}-py3-none-any.whl")
        _write_wheel(tree, dist_info, out)
    return out


def precompile(wheel_in: str, wheel_out: str) -> int:
    """Add __pycache__/*.pyc for every .py in the wheel; returns how many modules were compiled."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        with zipfile.ZipFile(wheel_in) as zf:
            zf.extractall(tree)
        dist_infos = [p.name for p in tree.iterdir() if p.name.endswith(".dist-info")]
        if len(dist_infos) != 1:
            raise ValueError(f"{wheel_in}: expected one .dist-info folder, found {dist_infos}")
        count = sum(1 for _ in tree.rglob("*.py"))
        ok = compileall.compile_dir(
            str(tree),
            quiet=2,
            # Paths in the bytecode must be where the wheel will be installed, not this temp folder.
            stripdir=str(tree),
            prependdir="/lib/python3.14/site-packages",
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        if not ok:
            raise RuntimeError(f"{wheel_in}: some modules failed to compile")
        _write_wheel(tree, dist_infos[0], wheel_out)
    return count
