"""Auth modes: none, basic with exact credentials, OAuth with the token endpoint."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from camunda_testkit import DevEngine


@pytest.fixture
def basic_engine(stub) -> Iterator[DevEngine]:
    """A stub engine that wants basic credentials alice/wonder."""
    with DevEngine(
        engine=stub, auth="basic", basic_credentials=("alice", "wonder")
    ) as e:
        yield e


@pytest.fixture
def oauth_engine(stub) -> Iterator[DevEngine]:
    """A stub engine that wants bearer tokens from its own token endpoint."""
    with DevEngine(
        engine=stub, auth="oauth", client_id="app", client_secret="s3cret-value"
    ) as e:
        yield e


def _token(engine: DevEngine, secret: str = "s3cret-value") -> httpx.Response:
    form = {"grant_type": "client_credentials", "client_id": "app"}
    return httpx.post(engine.token_url, data={**form, "client_secret": secret})


def test_none_mode_accepts_any_header(http: httpx.Client) -> None:
    """Without auth, a request with a random Authorization header passes."""
    response = http.get("/topology", headers={"Authorization": "Bearer whatever"})

    assert 200 == response.status_code


def test_basic_accepts_exact_credentials(basic_engine: DevEngine) -> None:
    """Basic mode lets the configured user in."""
    response = httpx.get(
        f"{basic_engine.rest_address}/topology", auth=("alice", "wonder")
    )

    assert 200 == response.status_code


@pytest.mark.parametrize(
    "auth", [None, ("alice", "wrong"), ("bob", "wonder")], ids=["none", "pw", "user"]
)
def test_basic_refuses_other_credentials(
    basic_engine: DevEngine, auth: tuple[str, str] | None
) -> None:
    """Basic mode answers 401 UNAUTHORIZED with a challenge otherwise."""
    response = httpx.get(f"{basic_engine.rest_address}/topology", auth=auth)

    assert 401 == response.status_code
    assert "UNAUTHORIZED" == response.json()["title"]
    assert response.headers["www-authenticate"].startswith("Basic")


def test_oauth_token_flow(oauth_engine: DevEngine) -> None:
    """A client-credentials token opens /v2; the endpoint counts requests."""
    grant = _token(oauth_engine)
    token = grant.json()["access_token"]
    response = httpx.get(
        f"{oauth_engine.rest_address}/topology",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert 200 == grant.status_code
    assert {"access_token", "token_type", "expires_in"} == set(grant.json())
    assert "Bearer" == grant.json()["token_type"]
    assert 3600 == grant.json()["expires_in"]
    assert 200 == response.status_code
    assert 1 == oauth_engine.token_requests


def test_oauth_token_accepts_basic_client_auth(oauth_engine: DevEngine) -> None:
    """Client credentials may also come as an HTTP basic header."""
    grant = httpx.post(
        oauth_engine.token_url,
        data={"grant_type": "client_credentials"},
        auth=("app", "s3cret-value"),
    )

    assert 200 == grant.status_code


def test_oauth_wrong_secret_is_invalid_client(oauth_engine: DevEngine) -> None:
    """A wrong secret gets 401 invalid_client and still counts as a request."""
    grant = _token(oauth_engine, secret="nope")

    assert 401 == grant.status_code
    assert "invalid_client" == grant.json()["error"]
    assert 1 == oauth_engine.token_requests


def test_oauth_refuses_unknown_bearer(oauth_engine: DevEngine) -> None:
    """A token the engine never issued gets 401 with a Bearer challenge."""
    response = httpx.get(
        f"{oauth_engine.rest_address}/topology",
        headers={"Authorization": "Bearer forged"},
    )

    assert 401 == response.status_code
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_oauth_revoked_token_is_refused(oauth_engine: DevEngine) -> None:
    """After revoke_tokens a previously good token gets 401."""
    token = _token(oauth_engine).json()["access_token"]
    oauth_engine.auth.revoke_tokens()

    response = httpx.get(
        f"{oauth_engine.rest_address}/topology",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert 401 == response.status_code


def test_oauth_expired_token_is_refused(stub) -> None:
    """A token past its lifetime gets 401."""
    with DevEngine(
        engine=stub,
        auth="oauth",
        client_id="app",
        client_secret="s3cret-value",
        token_lifetime_s=0.0,
    ) as engine:
        token = _token(engine).json()["access_token"]
        response = httpx.get(
            f"{engine.rest_address}/topology",
            headers={"Authorization": f"Bearer {token}"},
        )

    assert 401 == response.status_code


def test_controls_need_no_auth(basic_engine: DevEngine) -> None:
    """Dev controls under /_devengine stay open in strict modes."""
    response = httpx.get(f"{basic_engine.base_url}/_devengine/state")

    assert 200 == response.status_code
    assert "basic" == response.json()["auth"]


def test_secrets_stay_out_of_reprs(oauth_engine: DevEngine) -> None:
    """Neither the engine nor its authenticator shows the client secret."""
    text = repr(oauth_engine) + repr(oauth_engine.auth)

    assert "s3cret-value" not in text


def test_client_configuration_points_at_token_endpoint(oauth_engine: DevEngine) -> None:
    """client_configuration gives SDK settings for OAuth against this engine."""
    settings = oauth_engine.client_configuration()

    assert "OAUTH" == settings["CAMUNDA_AUTH_STRATEGY"]
    assert oauth_engine.token_url == settings["CAMUNDA_OAUTH_URL"]
    assert oauth_engine.rest_address == settings["CAMUNDA_REST_ADDRESS"]
    assert "app" == settings["CAMUNDA_CLIENT_ID"]


def test_token_endpoint_faults(oauth_engine: DevEngine) -> None:
    """Rules named oauthToken fail or drop token requests; '*' rules do not."""
    oauth_engine.faults.fail("*", status=503)
    unaffected = _token(oauth_engine)
    oauth_engine.faults.clear()
    oauth_engine.faults.fail("oauthToken", status=503, times=1)
    failed = _token(oauth_engine)
    oauth_engine.faults.drop("oauthToken", times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        _token(oauth_engine)
    recovered = _token(oauth_engine)

    assert 200 == unaffected.status_code
    assert 503 == failed.status_code
    assert "temporarily_unavailable" == failed.json()["error"]
    assert 200 == recovered.status_code
