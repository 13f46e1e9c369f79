"""Requests refused for their shape say what is wrong; a page without article text is refused."""
from __future__ import annotations

import html

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, csrf_token_from
from tests.factories import do_import
from workbench.articles.models import Article
from workbench.extensions import db


def multipart(fields: dict[str, str], files: dict[str, tuple[bytes, str]]) -> tuple[bytes, str]:
    """A multipart body built here, so the test client keeps it in memory (no temporary file left open)."""
    parts = [f'--B\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts += [f'--B\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
              f"Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n" for k, (data, name) in files.items()]
    return b"".join(parts) + b"--B--\r\n", "multipart/form-data; boundary=B"


def post(client, fields, files):
    body, content_type = multipart(fields, files)
    return client.post("/articles/import", data=body, content_type=content_type)


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_too_long_text_field_is_not_called_a_too_large_upload(client, login_as):
    login_as("editor")
    response = post(client, {"title": "x" * 1_000_000}, {"file": (b"Exports rose 4 percent.", "x.txt")})
    assert response.status_code == 413
    assert "A text field of the form is longer than 500 kB" in text_of(response)
    assert "larger than the 5 MB" not in text_of(response)


def test_too_many_form_parts_is_said_so(client, login_as):
    login_as("editor")
    response = post(client, {f"field{i}": "x" for i in range(1500)}, {"file": (b"Exports rose 4 percent.", "x.txt")})
    assert response.status_code == 413
    assert "The form has more than 1,000 parts" in text_of(response)


def test_a_too_large_upload_still_says_the_upload_limit(client, login_as):
    login_as("editor")
    response = post(client, {}, {"file": (b"x" * (6 * 1024 * 1024), "x.txt")})
    assert response.status_code == 413
    assert "The upload is larger than the 5 MB limit" in text_of(response)


@pytest.mark.csrf
def test_a_malformed_multipart_body_is_not_called_an_expired_form(client, make_user):
    user = make_user("editor")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    logged_in = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert logged_in.status_code == 302
    body = b"--XYZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nno closing boundary"
    response = client.post("/articles/import", data=body, content_type="multipart/form-data; boundary=XYZ")
    assert response.status_code == 400
    assert "The form data could not be read" in text_of(response)
    assert "expired" not in text_of(response)


def test_an_html_page_with_no_main_text_is_refused_like_an_empty_file(app):
    page = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    result = do_import("menu.html", page)
    assert result.status == "failed"
    assert "no article text found in this HTML page" in result.message
    assert db.session.scalar(select(func.count()).select_from(Article)) == 0
