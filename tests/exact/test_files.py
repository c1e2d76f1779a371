"""Atomic writes: whole files only, the user's umask, no silent folder creation."""

import os
import stat

import pytest

from exact.errors import InvalidArgument
from exact.files import atomic_write_bytes, atomic_write_parts, atomic_write_text


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_mode_follows_the_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        atomic_write_text(tmp_path / "a.txt", "hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.txt").st_mode) == mode
    assert (tmp_path / "a.txt").read_text() == "hello"


def test_replaces_and_leaves_no_temporary(tmp_path):
    p = tmp_path / "b.bin"
    atomic_write_bytes(p, b"one")
    atomic_write_bytes(p, b"two")
    assert p.read_bytes() == b"two" and os.listdir(tmp_path) == ["b.bin"]
    atomic_write_text(p, "é")
    assert p.read_bytes() == "é".encode("utf-8")


def test_missing_folder_and_directory_targets_are_errors(tmp_path):
    with pytest.raises(InvalidArgument, match="does not exist"):
        atomic_write_text(tmp_path / "no" / "c.txt", "x")
    assert not (tmp_path / "no").exists()
    with pytest.raises(InvalidArgument, match="is a directory"):
        atomic_write_text(tmp_path, "x")


def test_failed_write_removes_the_temporary(tmp_path):
    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        atomic_write_bytes(tmp_path / "d.txt", 12345)  # not bytes: the write fails
    assert os.listdir(tmp_path) == []


def test_the_temporary_is_hidden_in_the_target_folder(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append((os.path.dirname(src), os.path.basename(src), dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write_text(tmp_path / "e.txt", "x")
    folder, name, dst = seen[0]
    assert folder == str(tmp_path) and name.startswith(".tmp-") and dst == str(tmp_path / "e.txt")


@pytest.mark.parametrize("write,data", [(atomic_write_text, "x"), (atomic_write_bytes, b"x"),
                                        (atomic_write_parts, ["x"])])
@pytest.mark.parametrize("prefix", [None, ".tmp-checkpoint-"])
def test_the_temporary_names_start_with_the_prefix(tmp_path, monkeypatch, write, data, prefix):
    seen = []
    real = os.replace

    def spy(src, dst):
        seen.append(os.path.basename(src))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    write(tmp_path / "e.txt", data, **({} if prefix is None else {"tmp_prefix": prefix}))
    assert len(seen) == 1 and seen[0].startswith(prefix or ".tmp-") and len(seen[0]) > len(prefix or ".tmp-")
    assert (tmp_path / "e.txt").read_bytes() == b"x"
    if prefix is None:
        assert not seen[0].startswith(".tmp-checkpoint-")


def test_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    import tempfile

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(InvalidArgument, match=rf"^{tmp_path}/f\.txt: cannot write in {tmp_path}: Permission denied$"):
        atomic_write_text(tmp_path / "f.txt", "x")


@pytest.mark.parametrize("text", ["", "a", "abc", "abcd", "abcde", "abcdefgh", "aé€𝄞bcdéf"])
@pytest.mark.parametrize("end", ["", "\n", "é"])
def test_text_written_a_chunk_at_a_time_is_the_whole_text(tmp_path, monkeypatch, text, end):
    # chunks of 4 characters: lengths 0, 1, 3, 4 (one chunk), 5, 8 (two), and characters of 2, 3
    # and 4 UTF-8 bytes on both sides of a chunk's edge
    import exact.files as files

    monkeypatch.setattr(files, "_TEXT_CHUNK", 4)
    atomic_write_text(tmp_path / "g.txt", text, end=end)
    assert (tmp_path / "g.txt").read_bytes() == (text + end).encode("utf-8")
    assert os.listdir(tmp_path) == ["g.txt"]


def test_text_is_never_encoded_whole(tmp_path, monkeypatch):
    import exact.files as files

    writes = _spied_writes(monkeypatch)
    monkeypatch.setattr(files, "_TEXT_CHUNK", 4)
    atomic_write_text(tmp_path / "h.txt", "abcdefghij", end="\n")
    assert writes == [b"abcd", b"efgh", b"ij", b"\n"]
    assert (tmp_path / "h.txt").read_bytes() == b"abcdefghij\n"


def test_a_text_that_cannot_be_encoded_leaves_no_file(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(tmp_path / "i.txt", "ab\ud800cd")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("parts", [[], [""], ["a"], ["ab", "é"], ["a", "€", "𝄞b"], ["p", "q", "r", "s", "t"]])
@pytest.mark.parametrize("end", ["", "\n"])
def test_parts_written_a_few_at_a_time_are_the_whole_text(tmp_path, monkeypatch, parts, end):
    import exact.files as files

    monkeypatch.setattr(files, "_PARTS_AT_ONCE", 2)  # 0, 1, 2 (one batch), 3 and 5 parts
    files.atomic_write_parts(tmp_path / "p.txt", parts, **({"end": end} if end else {}))  # no end by default
    assert (tmp_path / "p.txt").read_bytes() == ("".join(parts) + end).encode("utf-8")
    assert os.listdir(tmp_path) == ["p.txt"]


def test_parts_are_never_joined_whole(tmp_path, monkeypatch):
    import exact.files as files

    writes = _spied_writes(monkeypatch)
    monkeypatch.setattr(files, "_PARTS_AT_ONCE", 2)
    files.atomic_write_parts(tmp_path / "q.txt", ["a", "bc", "d", "ef", "g"], end="\n")
    assert writes == [b"abc", b"def", b"g", b"\n"]


def _spied_writes(monkeypatch) -> list:
    """The bytes of each write exact.files makes to its temporary file, in order (its ``os``
    replaced by one whose ``fdopen`` returns a file that records them)."""
    import exact.files as files

    writes = []
    real = os.fdopen

    def spying(fd, mode):
        fh = real(fd, mode)
        write = fh.write
        fh.write = lambda b: writes.append(bytes(b)) or write(b)  # noqa: E731
        return fh

    class Spy:
        def __getattr__(self, name):
            return spying if name == "fdopen" else getattr(os, name)

    monkeypatch.setattr(files, "os", Spy())
    return writes
