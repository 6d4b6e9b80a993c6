"""File storage (consult/storage.py): the same five operations on a folder, the database and S3."""

from __future__ import annotations

import pytest

from consult.extensions import db
from consult.models import StoredFile
from consult.storage import PDF_CACHE, PICTURES, DatabaseStore, LocalStore, S3Store, check_name, files


def _behaves_like_a_store(store, commit=lambda: None) -> None:
    assert store.read("missing.png") is None and not store.exists("missing.png")
    store.write("picture-1.png", b"\x89PNG one")
    store.write("picture-2.png", b"two")
    store.write("other_1.pdf", b"%PDF")
    commit()
    assert store.read("picture-1.png") == b"\x89PNG one" and store.exists("picture-1.png")
    store.write("picture-1.png", b"replaced")
    commit()
    assert store.read("picture-1.png") == b"replaced"
    listed = {found.name: found.size for found in store.list("picture-")}
    assert listed == {"picture-1.png": 8, "picture-2.png": 3}
    assert all(found.modified > 0 for found in store.list(""))
    # "_" and "%" are plain letters in a prefix, not patterns.
    assert store.list("other%") == [] and [f.name for f in store.list("other_")] == ["other_1.pdf"]
    store.delete("picture-1.png")
    store.delete("never-there.png")
    commit()
    assert store.read("picture-1.png") is None and not store.exists("picture-1.png")
    assert sorted(found.name for found in store.list()) == ["other_1.pdf", "picture-2.png"]


def test_a_local_folder(tmp_path):
    store = LocalStore(tmp_path / "files")
    _behaves_like_a_store(store)
    # Written whole, then renamed: no temporary file is left or listed.
    assert sorted(path.name for path in (tmp_path / "files").iterdir()) == ["other_1.pdf", "picture-2.png"]


def test_the_database(app):
    with app.app_context():
        _behaves_like_a_store(DatabaseStore(PICTURES), commit=db.session.commit)
        # Areas are apart: the same name in another area is another file.
        assert DatabaseStore(PDF_CACHE).read("picture-2.png") is None
        assert db.session.get(StoredFile, (PICTURES, "picture-2.png")).size == 3


def test_an_s3_bucket_through_boto3():
    """Against moto's in-memory S3 (no network): the calls boto3 makes are the real ones."""
    moto = pytest.importorskip("moto")
    import boto3

    with moto.mock_aws():
        client = boto3.client("s3", region_name="eu-west-2")
        client.create_bucket(Bucket="consult-files", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        _behaves_like_a_store(S3Store(client, "consult-files", "site-a/pictures/"))
        keys = [item["Key"] for item in client.list_objects_v2(Bucket="consult-files")["Contents"]]
        assert sorted(keys) == ["site-a/pictures/other_1.pdf", "site-a/pictures/picture-2.png"]


@pytest.mark.parametrize("name", ["../secret_key", "a/b.png", "", ".hidden", "x" * 201, "a..b", "pic ture.png"])
def test_names_cannot_leave_their_area(tmp_path, name):
    with pytest.raises(ValueError):
        check_name(name)
    with pytest.raises(ValueError):
        LocalStore(tmp_path).write(name, b"x")


def test_the_setting_chooses_the_backend(app, tmp_path):
    with app.app_context():
        pictures = files(PICTURES)
        assert isinstance(pictures, LocalStore) and str(pictures.folder) == app.config["UPLOAD_FOLDER"]
        assert isinstance(files(PDF_CACHE), LocalStore)
        app.config["FILE_STORAGE"] = "database"
        assert isinstance(files(PICTURES), DatabaseStore)
        app.config.update(FILE_STORAGE="s3", S3_BUCKET="bucket", S3_PREFIX="consult/", S3_REGION="eu-west-2")
        store = files(PDF_CACHE)
        assert isinstance(store, S3Store) and store.bucket == "bucket" and store.prefix == "consult/pdf-cache/"


def test_settings_are_checked(monkeypatch, tmp_path):
    from consult import config

    monkeypatch.setenv("SECRET_KEY", "settings-test")
    monkeypatch.setenv("CONSULT_INSTANCE", str(tmp_path))
    monkeypatch.setenv("FILE_STORAGE", "ftp")
    with pytest.raises(ValueError, match="FILE_STORAGE"):
        config.load()
    monkeypatch.setenv("FILE_STORAGE", "s3")
    with pytest.raises(ValueError, match="S3_BUCKET"):
        config.load()
    monkeypatch.setenv("S3_BUCKET", "consult-files")
    monkeypatch.setenv("PDF_RENDERS_AT_ONCE", "2")
    settings = config.load()
    assert settings["FILE_STORAGE"] == "s3" and settings["JOB_LIMITS"] == {"pdf": 2}
