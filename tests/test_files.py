"""An atomic write: the path holds the old file or the whole new one, whatever goes wrong."""

import os
import stat
import sys

import pytest

from nnbook.files import write_atomically


def writes(data):
    return lambda file: file.write(data)


def fails_halfway(error):
    """A writer that gets half its bytes out, then stops with ``error`` (a full disk, Ctrl+C)."""

    def write(file):
        file.write(b"half of the new")
        file.flush()
        raise error

    return write


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "model.npz"
    path.write_bytes(b"the good old file")
    return path


def test_the_file_holds_exactly_what_the_writer_wrote(tmp_path):
    path = write_atomically(tmp_path / "new.bin", writes(b"\x00\x01 all of it"))
    assert path == tmp_path / "new.bin"
    assert path.read_bytes() == b"\x00\x01 all of it"


def test_a_string_path_works_too(tmp_path):
    write_atomically(str(tmp_path / "new.bin"), writes(b"x"))
    assert (tmp_path / "new.bin").read_bytes() == b"x"


def test_a_successful_write_replaces_the_old_file_and_leaves_nothing_else(old_file):
    write_atomically(old_file, writes(b"the new file"))
    assert old_file.read_bytes() == b"the new file"
    assert os.listdir(old_file.parent) == [old_file.name]


@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=repr
)
def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file(old_file, error):
    with pytest.raises(type(error)):
        write_atomically(old_file, fails_halfway(error))
    assert old_file.read_bytes() == b"the good old file"
    assert os.listdir(old_file.parent) == [old_file.name]


def test_a_write_that_fails_halfway_creates_no_file_where_there_was_none(tmp_path):
    with pytest.raises(OSError, match="No space left"):
        write_atomically(tmp_path / "new.bin", fails_halfway(OSError(28, "No space left")))
    assert os.listdir(tmp_path) == []


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(old_file, monkeypatch):
    def no_rename(source, target):
        raise PermissionError(13, "the file is open in another program")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(PermissionError, match="open in another program"):
        write_atomically(old_file, writes(b"the new file"))
    assert old_file.read_bytes() == b"the good old file"
    assert os.listdir(old_file.parent) == [old_file.name]


def test_a_missing_folder_is_named_with_the_way_to_create_it(tmp_path):
    missing = tmp_path / "models" / "digits"
    with pytest.raises(FileNotFoundError) as info:
        write_atomically(missing / "net.npz", writes(b"x"))
    message = str(info.value)
    assert f"the folder {str(missing)!r} does not exist" in message
    assert f"os.makedirs({str(missing)!r}, exist_ok=True)" in message
    assert not (tmp_path / "models").exists()


def test_a_folder_given_as_the_file_is_refused(tmp_path):
    with pytest.raises(IsADirectoryError, match="it is a folder; give the path of a file"):
        write_atomically(tmp_path, writes(b"x"))


def test_a_file_given_as_the_folder_is_refused(old_file):
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        write_atomically(old_file / "net.npz", writes(b"x"))
    assert old_file.read_bytes() == b"the good old file"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_new_file_gets_the_permissions_of_any_new_file(tmp_path):
    (tmp_path / "by_open.bin").write_bytes(b"x")  # the oracle: a plain open()
    write_atomically(tmp_path / "atomic.bin", writes(b"x"))
    mode = stat.S_IMODE((tmp_path / "atomic.bin").stat().st_mode)
    assert mode == stat.S_IMODE((tmp_path / "by_open.bin").stat().st_mode)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="POSIX permissions; root ignores them"
)
def test_a_read_only_folder_is_refused_with_a_clear_message(tmp_path):
    folder = tmp_path / "read_only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(PermissionError, match="no permission to create files in"):
            write_atomically(folder / "net.npz", writes(b"x"))
    finally:
        folder.chmod(0o700)
