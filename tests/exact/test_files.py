"""Atomic writes: whole files only, the user's umask, no silent folder creation."""

import os
import stat

import pytest

from exact.errors import InvalidArgument
from exact.files import atomic_write_bytes, atomic_write_text


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


def test_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    import tempfile

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(InvalidArgument, match=rf"^{tmp_path}/f\.txt: cannot write in {tmp_path}: Permission denied$"):
        atomic_write_text(tmp_path / "f.txt", "x")
