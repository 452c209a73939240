"""The model catalog: GGUF header reading, part checks, one-time assembly into the cache, no imports."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any, get_args

import pytest

import service.llm.models as models
from service.core.config import PROJECT_ROOT, EmbeddedModel, Settings
from service.llm.embedded import resolve_model
from service.llm.models import (
    CATALOG,
    CatalogModel,
    EmbeddedModelError,
    GGUFFormatError,
    ModelPart,
    is_installed,
    prepare_model,
    read_gguf_name,
)

# --- a tiny GGUF ---------------------------------------------------------------------------------


def _str(s: str) -> bytes:
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def _kv_string(key: str, value: str) -> bytes:
    return _str(key) + struct.pack("<I", 8) + _str(value)


def _kv_u32_array(key: str, values: list[int]) -> bytes:
    return _str(key) + struct.pack("<IIQ", 9, 4, len(values)) + struct.pack(f"<{len(values)}I", *values)


def _kv_string_array(key: str, values: list[str]) -> bytes:
    return _str(key) + struct.pack("<IIQ", 9, 8, len(values)) + b"".join(_str(v) for v in values)


def gguf_header(kvs: list[bytes], version: int = 3) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", version, 0, len(kvs)) + b"".join(kvs)


def tiny_gguf(name: str, size: int = 3000) -> bytes:
    header = gguf_header(
        [
            _kv_string("general.architecture", "llama"),
            _kv_u32_array("llama.some_numbers", [1, 2, 3]),
            _kv_string_array("tokenizer.some_tokens", ["a", "bc"]),
            _str("general.alignment") + struct.pack("<II", 4, 32),
            _kv_string("general.name", name),
        ]
    )
    return header + bytes((i * 7) % 251 for i in range(size - len(header)))


# --- fake part packages on sys.path -------------------------------------------------------------


def install_fake_part(site: Path, dist: str, version: str, rel_file: str, data: bytes) -> None:
    """A distribution as pip lays it out: dist-info metadata, a module that must never be imported,
    and its data file."""
    module = dist.replace("-", "_")
    pkg = site / module
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(f"raise RuntimeError('{module} must not be imported')\n")
    target = site / rel_file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    info = site / f"{module}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")


def split_model(
    site: Path,
    data: bytes,
    parts: int,
    *,
    key: str = "fake",
    gguf_name: str = "Fake Model",
    install: bool = True,
) -> CatalogModel:
    """Install `data` as `parts` fake packages and return the catalog entry that describes them."""
    step = -(-len(data) // parts)
    chunks = [data[i : i + step] for i in range(0, len(data), step)]
    out = []
    for n, chunk in enumerate(chunks, start=1):
        dist = f"fake-model-part{n}"
        rel = f"{dist.replace('-', '_')}/data/part{n:02d}.bin"
        if install:
            install_fake_part(site, dist, "1.0.0", rel, chunk)
        out.append(ModelPart(dist, "1.0.0", rel, len(chunk), hashlib.sha256(chunk).hexdigest()))
    return CatalogModel(
        key=key,
        served_name="Fake-Model",
        gguf_name=gguf_name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        parts=tuple(out),
        licence="Apache-2.0",
        extra="models",
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def assert_not_imported(model: CatalogModel) -> None:
    for part in model.parts:
        assert part.package.replace("-", "_") not in sys.modules


def count_calls_on(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Wrap `owner.name` so the test can see how often it ran."""
    calls: list[int] = []
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def count_calls(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    return count_calls_on(monkeypatch, models, name)


# --- the GGUF header reader ---------------------------------------------------------------------


def test_reads_general_name_past_arrays_and_other_values() -> None:
    f = io.BytesIO(tiny_gguf("Qwen2.5 Coder 0.5B Instruct AWQ"))
    assert read_gguf_name(f) == "Qwen2.5 Coder 0.5B Instruct AWQ"


def test_header_without_a_name_gives_none() -> None:
    assert read_gguf_name(io.BytesIO(gguf_header([_kv_string("general.architecture", "llama")]))) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GGML" + bytes(100), "not a GGUF file"),
        (gguf_header([], version=1), "unsupported GGUF version 1"),
        (gguf_header([_kv_string("general.name", "x")])[:-1], "truncated"),
        (b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1 << 40), "exceeds"),
        (gguf_header([_str("general.name") + struct.pack("<II", 4, 7)]), "not string"),
        (gguf_header([_str("k") + struct.pack("<I", 99)]), "unknown value type 99"),
        (gguf_header([_str("k") + struct.pack("<IIQ", 9, 4, 1 << 20)]), "truncated"),
        (gguf_header([_str("k") + struct.pack("<IIQ", 9, 12, 1 << 62)]), "too large"),
    ],
)
def test_damaged_headers_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(GGUFFormatError, match=message):
        read_gguf_name(io.BytesIO(data))


# --- multi-part models --------------------------------------------------------------------------


def test_parts_are_joined_once_into_the_cache(
    site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tiny_gguf("Fake Model")
    model = split_model(site, data, 3)
    assemblies = count_calls(monkeypatch, "_assemble")

    path = prepare_model(model, cache)

    assert path.parent == cache and path.read_bytes() == data
    assert assemblies == [1]
    assert json.loads((cache / "fake.verified.json").read_text())["sha256"] == model.sha256
    assert not list(cache.glob("*.tmp")), "the temporary file was left behind"
    mtime = path.stat().st_mtime_ns
    hashes = count_calls(monkeypatch, "_sha256")

    assert prepare_model(model, cache) == path
    assert assemblies == [1], "a verified file was assembled again"
    assert hashes == [], "a stamped file was hashed again"
    assert path.stat().st_mtime_ns == mtime
    assert_not_imported(model)


def test_a_missing_stamp_rehashes_instead_of_reassembling(
    site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = split_model(site, tiny_gguf("Fake Model"), 3)
    path = prepare_model(model, cache)
    (cache / "fake.verified.json").unlink()
    assemblies = count_calls(monkeypatch, "_assemble")
    hashes = count_calls(monkeypatch, "_sha256")

    assert prepare_model(model, cache) == path
    assert assemblies == [] and hashes == [1]
    assert (cache / "fake.verified.json").is_file()


def test_a_damaged_cached_file_is_assembled_again(site: Path, cache: Path) -> None:
    data = tiny_gguf("Fake Model")
    model = split_model(site, data, 3)
    path = prepare_model(model, cache)
    damaged = bytearray(data)
    damaged[-1] ^= 0xFF
    path.write_bytes(bytes(damaged))
    # Some file systems keep mtimes at a coarse tick; a later edit always moves it forward.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))

    assert prepare_model(model, cache).read_bytes() == data


def test_a_corrupted_part_is_refused_naming_the_part(site: Path, cache: Path) -> None:
    model = split_model(site, tiny_gguf("Fake Model"), 3)
    part = model.parts[1]
    file = site / part.file
    corrupted = bytearray(file.read_bytes())
    corrupted[10] ^= 0x01
    file.write_bytes(bytes(corrupted))
    actual = hashlib.sha256(corrupted).hexdigest()

    with pytest.raises(EmbeddedModelError) as err:
        prepare_model(model, cache)

    message = str(err.value)
    assert "fake-model-part2==1.0.0" in message and part.file in message
    assert f"has sha256 {actual}, expected {part.sha256}" in message
    assert not list(cache.glob("*.gguf")) and not list(cache.glob(".*.tmp")), "a bad file was kept"
    assert_not_imported(model)


def test_a_truncated_part_is_refused_before_copying(
    site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = split_model(site, tiny_gguf("Fake Model"), 3)
    part = model.parts[2]
    file = site / part.file
    file.write_bytes(file.read_bytes()[:-5])
    opened = count_calls_on(monkeypatch, tempfile, "mkstemp")

    with pytest.raises(EmbeddedModelError, match=f"has {part.size - 5} bytes, expected {part.size}"):
        prepare_model(model, cache)
    assert opened == [], "copying started before every part was checked"
    assert not list(cache.glob("*.gguf"))


def test_a_missing_part_package_is_refused(site: Path, cache: Path) -> None:
    data = tiny_gguf("Fake Model")
    model = split_model(site, data, 3)
    info = site / "fake_model_part3-1.0.0.dist-info"
    for f in info.iterdir():
        f.unlink()
    info.rmdir()

    assert not is_installed(model)
    with pytest.raises(
        EmbeddedModelError, match=r"part 3/3, package fake-model-part3==1\.0\.0, is not installed"
    ):
        prepare_model(model, cache)


def test_a_missing_data_file_is_refused(site: Path, cache: Path) -> None:
    model = split_model(site, tiny_gguf("Fake Model"), 3)
    (site / model.parts[0].file).unlink()

    with pytest.raises(EmbeddedModelError, match=r"fake-model-part1==1\.0\.0 has no file fake_model_part1/"):
        prepare_model(model, cache)


def test_another_version_of_a_part_is_refused(site: Path, cache: Path) -> None:
    model = split_model(site, tiny_gguf("Fake Model"), 2)
    info = site / "fake_model_part2-1.0.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-model-part2\nVersion: 1.0.1\n")

    with pytest.raises(EmbeddedModelError, match=r"fake-model-part2 is version 1\.0\.1, expected 1\.0\.0"):
        prepare_model(model, cache)


def test_a_wrong_general_name_is_refused(site: Path, cache: Path) -> None:
    model = split_model(site, tiny_gguf("Some Other Model"), 3, gguf_name="Fake Model")

    with pytest.raises(EmbeddedModelError, match=r"general\.name 'Some Other Model', expected 'Fake Model'"):
        prepare_model(model, cache)
    assert not list(cache.glob("*.gguf")) and not list(cache.glob(".*.tmp"))


def test_parts_that_are_not_gguf_are_refused(site: Path, cache: Path) -> None:
    model = split_model(site, b"PK\x03\x04" + bytes(2000), 2)

    with pytest.raises(EmbeddedModelError, match="not a usable GGUF file: not a GGUF file"):
        prepare_model(model, cache)


# --- single-file models -------------------------------------------------------------------------


def test_a_single_file_model_is_verified_in_place_and_stamped(
    site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tiny_gguf("Fake Model")
    model = split_model(site, data, 1)

    path = prepare_model(model, cache)

    assert path == site / model.parts[0].file
    assert not list(cache.glob("*.gguf")), "a single file needs no copy"
    hashes = count_calls(monkeypatch, "_sha256")
    assert prepare_model(model, cache) == path
    assert hashes == []
    assert_not_imported(model)


def test_a_corrupted_single_file_is_refused(site: Path, cache: Path) -> None:
    data = tiny_gguf("Fake Model")
    model = split_model(site, data, 1)
    damaged = bytearray(data)
    damaged[-1] ^= 0xFF
    (site / model.parts[0].file).write_bytes(bytes(damaged))

    with pytest.raises(
        EmbeddedModelError, match=r"fake-model-part1==1\.0\.0 .* has sha256 [0-9a-f]{64}, expected"
    ):
        prepare_model(model, cache)


# --- the catalog and resolve_model --------------------------------------------------------------


def test_catalog_matches_the_setting_and_the_pins() -> None:
    assert set(CATALOG) == set(get_args(EmbeddedModel))
    extras = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for model in CATALOG.values():
        assert model.size == sum(p.size for p in model.parts), model.key
        for part in model.parts:
            assert f"{part.package}=={part.version}" in extras[model.extra], part.package


def test_resolve_model_serves_the_selected_catalog_model(
    site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tiny_gguf("Fake Model")
    monkeypatch.setitem(CATALOG, "qwen05", split_model(site, data, 3, key="qwen05"))
    settings = Settings(_env_file=None, llm_embedded_model="qwen05", llm_model_cache_dir=cache)  # type: ignore[call-arg]

    info = resolve_model(settings)

    assert info.name == "Fake-Model"
    assert info.path.parent == cache and info.path.read_bytes() == data


def test_llm_gguf_path_still_wins(tmp_path: Path) -> None:
    gguf = tmp_path / "mine.gguf"
    gguf.write_bytes(tiny_gguf("Mine"))
    settings = Settings(_env_file=None, llm_gguf_path=gguf, llm_model_cache_dir=tmp_path / "c")  # type: ignore[call-arg]

    assert resolve_model(settings).path == gguf and resolve_model(settings).name == "mine"


@pytest.mark.live
@pytest.mark.parametrize("key", sorted(CATALOG))
def test_installed_catalog_models_verify(key: str, tmp_path: Path) -> None:
    model = CATALOG[key]
    if not is_installed(model):
        pytest.skip(f"{key} is not installed (extra {model.extra!r})")
    # A fresh cache folder: no stamp, so every byte is hashed against the pinned sha256.
    path = prepare_model(model, tmp_path)
    assert path.stat().st_size == model.size
    with path.open("rb") as f:
        assert read_gguf_name(f) == model.gguf_name
    assert_not_imported(model)
