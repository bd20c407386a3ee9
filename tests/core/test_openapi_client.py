"""Finding 10: the published OpenAPI schema is valid (openapi-spec-validator), and a client generated
from it (openapi-python-client, at test time) logs a complaint and reads it back."""

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db
BIN = Path(sys.executable).parent


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi(schema):
    validate(schema)  # raises with the failing path when the schema is invalid


def test_no_field_defaults_to_a_value_its_own_constraints_refuse(schema):
    def walk(node, path):
        if isinstance(node, dict):
            default = node.get("default")
            if isinstance(default, str) and len(default) < node.get("minLength", 0):
                yield path
            for key, value in node.items():
                yield from walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, f"{path}[{index}]")

    assert list(walk(schema, "")) == []


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes "old" connections at each request, which would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def generated_client(schema, tmp_path, monkeypatch):
    (tmp_path / "schema.yaml").write_text(yaml.safe_dump(schema))
    package = tmp_path / "portal_api_client"
    result = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(tmp_path / "schema.yaml"),
            "--output-path",
            str(package),
            "--meta",
            "none",
        ],
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module("portal_api_client")
    for name in [m for m in sys.modules if m.startswith("portal_api_client")]:
        del sys.modules[name]
    shutil.rmtree(package, ignore_errors=True)


def test_generated_client_logs_a_complaint_and_reads_it_back(demo, generated_client, keep_test_connection):
    api = generated_client
    token_create = importlib.import_module("portal_api_client.api.auth.auth_token_create")
    complaints_create = importlib.import_module("portal_api_client.api.complaints.complaints_create")
    complaints_retrieve = importlib.import_module("portal_api_client.api.complaints.complaints_retrieve")
    models = importlib.import_module("portal_api_client.models")

    transport = httpx.WSGITransport(app=get_wsgi_application())
    anonymous = api.Client(base_url="http://testserver")
    anonymous.set_httpx_client(httpx.Client(base_url="http://testserver", transport=transport))
    token = token_create.sync(
        client=anonymous, body=models.TokenRequestRequest(username="tw-councillor-1", password="demo-pass-2026")
    )
    assert token is not None and token.token

    client = api.AuthenticatedClient(base_url="http://testserver", token=token.token, prefix="Token")
    client.set_httpx_client(
        httpx.Client(
            base_url="http://testserver", transport=transport, headers={"Authorization": f"Token {token.token}"}
        )
    )
    created = complaints_create.sync_detailed(
        client=client,
        body=models.ComplaintInputRequest(
            council="tewkesbury",
            subject="tw-chief-executive",
            summary="Refused to meet",
            details="Three requests for a meeting were declined.",
        ),
    )
    assert created.status_code == 201, created.content
    complaint = created.parsed
    assert complaint.state.value == "received" and complaint.handler == "tw-monitoring-officer"

    read = complaints_retrieve.sync(client=client, id=complaint.id)
    assert read is not None
    assert (read.id, read.summary, read.complainant) == (complaint.id, "Refused to meet", "tw-councillor-1")
