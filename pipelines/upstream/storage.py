"""Storing upstream files in a snapshot folder, and reading them back, with caps on decompressed size.

Stored forms: `gzip` (each file as `<name>.gz`), `plain` (kept as it is: an .xlsx is already compressed)
or `zip` (every file of the snapshot in one `<archive>.zip`, for sources of many small files).
Output is deterministic: the same upstream bytes always give the same stored bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
import zlib
from pathlib import Path
from typing import Literal

Storage = Literal["gzip", "plain", "zip"]
MAX_FILE_BYTES = 512 * 1024 * 1024
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class TooLarge(ValueError):
    """A file (or an archive member) decompresses to more than the cap."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_name(name: str, storage: Storage, archive: str) -> str:
    return {"gzip": f"{name}.gz", "plain": name, "zip": f"{archive}.zip"}[storage]


def store(folder: Path, files: dict[str, bytes], storage: Storage, archive: str) -> dict[str, str]:
    """Write the files into `folder`; return each file's stored name."""
    if storage == "zip":
        target = folder / stored_name("", storage, archive)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
            for name in sorted(files):
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                bundle.writestr(info, files[name])
        return {name: target.name for name in files}
    names = {}
    for name, data in files.items():
        target = folder / stored_name(name, storage, archive)
        target.write_bytes(gzip.compress(data, compresslevel=9, mtime=0) if storage == "gzip" else data)
        names[name] = target.name
    return names


def gunzip_capped(data: bytes, cap: int = MAX_FILE_BYTES) -> bytes:
    """Decompress gzip data, refusing to produce more than `cap` bytes (a gzip bomb stops early)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap or inflater.unconsumed_tail:
        raise TooLarge(f"decompresses to more than {cap:,} bytes")
    return out


def zip_member_capped(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int = MAX_FILE_BYTES) -> bytes:
    """One archive member, read in chunks and stopped past `cap` whatever its header claims."""
    if info.file_size > cap:
        raise TooLarge(f"{info.filename} would decompress to {info.file_size:,} bytes (more than {cap:,})")
    chunks, total = [], 0
    with bundle.open(info) as handle:
        while chunk := handle.read(1 << 20):
            total += len(chunk)
            if total > cap:
                raise TooLarge(f"{info.filename} decompresses to more than {cap:,} bytes")
            chunks.append(chunk)
    return b"".join(chunks)


def read_stored(folder: Path, stored: dict[str, str], cap: int = MAX_FILE_BYTES) -> dict[str, bytes]:
    """The upstream bytes of each file (name → stored name), decompressed."""
    files: dict[str, bytes] = {}
    archives: dict[str, zipfile.ZipFile] = {}
    try:
        for name, container in stored.items():
            path = folder / container
            if container.endswith(".zip") and not name.endswith(".zip"):
                bundle = archives.get(container) or archives.setdefault(container, zipfile.ZipFile(path))
                files[name] = zip_member_capped(bundle, bundle.getinfo(name), cap)
            elif container.endswith(".gz") and not name.endswith(".gz"):
                files[name] = gunzip_capped(path.read_bytes(), cap)
            else:
                files[name] = path.read_bytes()
    finally:
        for bundle in archives.values():
            bundle.close()
    return files


def open_zip(data: bytes) -> zipfile.ZipFile | None:
    """The data as a zip archive, or None when it is not one."""
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return None
