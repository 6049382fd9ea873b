"""The synchronous OAuth client-credentials provider against a real endpoint."""

from __future__ import annotations

import hashlib
import json
import stat
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
from camunda_auth import (
    AuthenticationError,
    CacheWarning,
    OAuthClientCredentialsAuthProvider,
    RetryPolicy,
    TokenRequestError,
)
from filelock import FileLock

# conftest.TokenServer; test modules cannot import conftest (importlib mode).
TokenServer = Any
CLIENT_SECRET = "S3CRET-client-secret-value"


def only_cache_file(directory: Path) -> Path:
    files = sorted(directory.glob("*.json"))
    assert len(files) == 1
    return files[0]


def cache_entry(directory: Path) -> dict[str, Any]:
    return json.loads(only_cache_file(directory).read_text())


class TestTokenRequest:
    def test_form_body_field_by_field(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """The token request is a form POST to the exact URL with every field."""
        with OAuthClientCredentialsAuthProvider(
            **oauth_kwargs, scope="read write"
        ) as provider:
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(1)
        assert token_server.token_paths == ["/oauth/token"]
        assert token_server.token_forms == [
            {
                "grant_type": "client_credentials",
                "client_id": "my-client",
                "client_secret": CLIENT_SECRET,
                "audience": "zeebe.camunda.io",
                "scope": "read write",
            }
        ]
        sent = token_server.token_headers[0]
        assert sent["content-type"] == "application/x-www-form-urlencoded"
        assert "authorization" not in sent

    def test_scope_omitted_when_unset(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """Without a scope the form has exactly the four standard fields."""
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()

        assert sorted(token_server.token_forms[0]) == [
            "audience",
            "client_id",
            "client_secret",
            "grant_type",
        ]

    def test_query_in_url_is_kept(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """The request goes to exactly the configured URL, query included."""
        oauth_kwargs["oauth_url"] = token_server.token_url + "?realm=x"
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()

        assert token_server.token_paths == ["/oauth/token?realm=x"]

    @pytest.mark.parametrize("name", ["oauth_url", "client_id", "client_secret"])
    def test_empty_required_argument_rejected(
        self, oauth_kwargs: dict[str, Any], name: str
    ) -> None:
        """An empty required argument is a ValueError naming it."""
        oauth_kwargs[name] = "  "

        with pytest.raises(ValueError, match=name) as info:
            OAuthClientCredentialsAuthProvider(**oauth_kwargs)

        assert CLIENT_SECRET not in str(info.value)


class TestSingleFlight:
    def test_twenty_threads_one_request(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """Twenty threads asking at once share one token request."""
        token_server.delay = 0.3
        results: list[dict[str, str]] = []
        barrier = threading.Barrier(20)

        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:

            def work() -> None:
                barrier.wait()
                results.append(dict(provider.get_headers()))

            threads = [threading.Thread(target=work) for _ in range(20)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        assert token_server.token_requests == 1
        assert results == [token_server.bearer(1)] * 20

    def test_waiters_share_a_failure(
        self,
        token_server: TokenServer,
        oauth_kwargs: dict[str, Any],
        no_retry_wait: None,
    ) -> None:
        """Threads waiting on a failing refresh get its error instead of retrying."""
        token_server.delay = 0.15
        token_server.script(*[(503, {})] * 4)
        errors: list[BaseException] = []
        barrier = threading.Barrier(5)

        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:

            def work() -> None:
                barrier.wait()
                try:
                    provider.get_headers()
                except TokenRequestError as exc:
                    errors.append(exc)

            threads = [threading.Thread(target=work) for _ in range(5)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        assert token_server.token_requests == 4
        assert [type(e) for e in errors] == [TokenRequestError] * 5


class TestLifetime:
    @pytest.mark.parametrize(
        ("expires_in", "margin"),
        [
            (3600, 60.0),
            ("120", 24.0),
            (120.0, 24.0),
            (10, 2.0),
            (None, 12.0),
            ("soon", 12.0),
            (-5, 12.0),
            (True, 12.0),
        ],
    )
    def test_reuse_window(
        self,
        token_server: TokenServer,
        oauth_kwargs: dict[str, Any],
        cache_dir: Path,
        expires_in: object,
        margin: float,
    ) -> None:
        """Reuse ends max(20% L, 60 s) before expiry; bad expires_in means 60 s."""
        token_server.expires_in = expires_in
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()

        entry = cache_entry(cache_dir)

        assert entry["expires_at"] - entry["refresh_at"] == pytest.approx(
            margin, abs=1e-6
        )

    def test_short_token_reused_then_refreshed(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A 1 s token serves repeated calls, and a new one is fetched after it."""
        token_server.expires_in = 1
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            first = [dict(provider.get_headers()) for _ in range(5)]
            time.sleep(0.85)
            second = dict(provider.get_headers())

        assert first == [token_server.bearer(1)] * 5
        assert second == token_server.bearer(2)
        assert token_server.token_requests == 2


class TestDiskCache:
    def test_new_provider_reuses_token_from_disk(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A second provider with the same settings makes no token request."""
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as first:
            first.get_headers()
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as second:
            headers = dict(second.get_headers())

        assert headers == token_server.bearer(1)
        assert token_server.token_requests == 1

    def test_file_name_content_and_modes(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """Dir 0700, file 0600, named by sha256, with token and times, no secret."""
        oauth_kwargs["scope"] = "s1"
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()
            cache_file = provider.cache_file

        path = only_cache_file(cache_dir)
        expected_name = hashlib.sha256(
            json.dumps(
                [oauth_kwargs["oauth_url"], "my-client", "zeebe.camunda.io", "s1"],
                separators=(",", ":"),
            ).encode()
        ).hexdigest()
        content = path.read_text()
        entry = json.loads(content)

        assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.with_suffix(".lock").stat().st_mode) == 0o600
        assert cache_file == str(path)
        assert path.name == f"{expected_name}.json"
        assert sorted(entry) == [
            "access_token",
            "expires_at",
            "key",
            "refresh_at",
            "version",
        ]
        assert entry["access_token"] == token_server.token(1)
        assert entry["key"] == expected_name
        assert CLIENT_SECRET not in content
        assert "my-client" not in content
        assert [p.name for p in cache_dir.iterdir() if p.suffix == ".tmp"] == []

    def test_scope_gets_its_own_file(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """Tokens for different scopes never share a file."""
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs, scope="a") as provider:
            provider.get_headers()
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs, scope="b") as provider:
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(2)
        assert len(list(cache_dir.glob("*.json"))) == 2

    @pytest.mark.parametrize(
        "content",
        [
            b"",
            b"{",
            b'{"version": 1, "key": "',
            b"\x00\xff garbage",
            b"[1, 2]",
            b'{"version": 1}',
            "foreign",
        ],
        ids=["empty", "brace", "truncated", "binary", "list", "partial", "foreign"],
    )
    def test_unusable_file_is_a_miss_and_replaced(
        self,
        token_server: TokenServer,
        oauth_kwargs: dict[str, Any],
        cache_dir: Path,
        content: bytes | str,
    ) -> None:
        """A broken or foreign cache file causes one token request and is rewritten."""
        with OAuthClientCredentialsAuthProvider(
            **oauth_kwargs, disk_cache_disable=True
        ) as probe:
            pass
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            path = Path(str(provider.cache_file))
            if content == "foreign":
                foreign = {
                    "version": 1,
                    "key": "0" * 64,
                    "access_token": "OTHER",
                    "expires_at": time.time() + 999,
                    "refresh_at": time.time() + 900,
                }
                path.write_text(json.dumps(foreign))
            else:
                assert isinstance(content, bytes)
                path.write_bytes(content)
            headers = dict(provider.get_headers())

        assert probe.cache_file is None
        assert headers == token_server.bearer(1)
        assert token_server.token_requests == 1
        assert cache_entry(cache_dir)["access_token"] == token_server.token(1)

    def test_expired_file_is_a_miss(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """A cached token past its reuse time is replaced by a new one."""
        token_server.expires_in = 1
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()
        time.sleep(0.85)
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(2)
        assert cache_entry(cache_dir)["access_token"] == token_server.token(2)

    def test_disk_cache_disable_writes_nothing(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """With the disk cache off no directory or file is created."""
        with OAuthClientCredentialsAuthProvider(
            **oauth_kwargs, disk_cache_disable=True
        ) as provider:
            provider.get_headers()
            provider.get_headers()

        assert token_server.token_requests == 1
        assert not cache_dir.exists()

    def test_env_directory_used_when_no_argument(
        self,
        token_server: TokenServer,
        oauth_kwargs: dict[str, Any],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """CAMUNDA_TOKEN_CACHE_DIR picks the directory when cache_dir is None."""
        env_dir = tmp_path / "from-env"
        monkeypatch.setenv("CAMUNDA_TOKEN_CACHE_DIR", str(env_dir))
        oauth_kwargs["cache_dir"] = None
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()

        assert only_cache_file(env_dir).parent == env_dir

    def test_unusable_directory_falls_back_to_memory(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], tmp_path: Path
    ) -> None:
        """An uncreatable directory gives one CacheWarning and memory caching."""
        blocker = tmp_path / "a-file"
        blocker.write_text("x")
        oauth_kwargs["cache_dir"] = str(blocker / "tokens")

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
                first = dict(provider.get_headers())
                second = dict(provider.get_headers())

        assert [w.category for w in caught] == [CacheWarning]
        assert str(blocker / "tokens") in str(caught[0].message)
        assert provider.cache_file is None
        assert first == second == token_server.bearer(1)
        assert token_server.token_requests == 1

    def test_existing_directory_mode_is_left_alone(
        self, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """A directory that already exists keeps its mode; the file is still 0600."""
        cache_dir.mkdir(mode=0o755)
        cache_dir.chmod(0o755)
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()

        assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o755
        assert stat.S_IMODE(only_cache_file(cache_dir).stat().st_mode) == 0o600


class TestInvalidate:
    def test_invalidate_matching_token_refreshes(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """Invalidating the current token drops it from memory and disk."""
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()
            provider.invalidate(token_server.token(1))
            assert list(cache_dir.glob("*.json")) == []
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(2)
        assert token_server.token_requests == 2

    def test_invalidate_other_token_keeps_current(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
    ) -> None:
        """Invalidating a token that is no longer cached changes nothing."""
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()
            provider.invalidate("some-older-token")
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(1)
        assert token_server.token_requests == 1
        assert cache_entry(cache_dir)["access_token"] == token_server.token(1)

    def test_invalidate_none_drops_any_token(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """invalidate() without a token always forces a refresh."""
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            provider.get_headers()
            provider.invalidate()
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(2)


class TestEndpointErrors:
    def test_401_raises_and_cools_down_without_network(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A 401 raises AuthenticationError; calls in the cooldown send nothing."""
        token_server.script(
            (401, {"error": "invalid_client", "error_description": "nope"})
        )
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            with pytest.raises(AuthenticationError) as first:
                provider.get_headers()
            with pytest.raises(AuthenticationError) as second:
                provider.get_headers()

        assert token_server.token_requests == 1
        assert (first.value.status_code, first.value.error, first.value.url) == (
            401,
            "invalid_client",
            token_server.token_url,
        )
        assert (
            str(first.value)
            == f"token endpoint {token_server.token_url} rejected the client "
            "credentials (HTTP 401, error='invalid_client')"
        )
        assert str(second.value) == str(first.value)

    def test_after_cooldown_endpoint_is_asked_again(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """Once the cooldown has passed the next call contacts the endpoint."""
        token_server.script((401, {"error": "invalid_client"}))
        with OAuthClientCredentialsAuthProvider(
            **oauth_kwargs, saas_401_cooldown_s=0.2
        ) as provider:
            with pytest.raises(AuthenticationError):
                provider.get_headers()
            time.sleep(0.25)
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(1)
        assert token_server.token_requests == 2

    def test_zero_cooldown_asks_every_time(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """With saas_401_cooldown_s=0 each call after a 401 makes a request."""
        token_server.script((401, {}), (401, {}))
        with OAuthClientCredentialsAuthProvider(
            **oauth_kwargs, saas_401_cooldown_s=0
        ) as provider:
            for _ in range(2):
                with pytest.raises(AuthenticationError):
                    provider.get_headers()

        assert token_server.token_requests == 2

    @pytest.mark.parametrize("status", [400, 403])
    def test_400_and_403_raise_at_once_without_cooldown(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], status: int
    ) -> None:
        """400 and 403 are not retried and do not start the cooldown."""
        token_server.script((status, b"not json"))
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            with pytest.raises(AuthenticationError) as info:
                provider.get_headers()
            headers = dict(provider.get_headers())

        assert (info.value.status_code, info.value.error) == (status, None)
        assert headers == token_server.bearer(1)
        assert token_server.token_requests == 2

    def test_retry_on_503_then_success(
        self,
        token_server: TokenServer,
        oauth_kwargs: dict[str, Any],
        no_retry_wait: None,
    ) -> None:
        """503 and 429 are retried until a token arrives."""
        token_server.script((503, {}), (429, {}), (502, b""))
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            headers = dict(provider.get_headers())

        assert headers == token_server.bearer(1)
        assert token_server.token_requests == 4

    def test_retries_exhausted_raise_token_request_error(
        self,
        token_server: TokenServer,
        oauth_kwargs: dict[str, Any],
        no_retry_wait: None,
    ) -> None:
        """Four 503s (one try, three retries) raise TokenRequestError with the cause."""
        token_server.script(*[(503, {})] * 5)
        provider = OAuthClientCredentialsAuthProvider(**oauth_kwargs)
        with provider, pytest.raises(TokenRequestError) as info:
            provider.get_headers()

        assert token_server.token_requests == 4
        assert (info.value.attempts, info.value.status_code) == (4, 503)
        assert (
            str(info.value) == "token endpoint answered HTTP 503 "
            f"(token endpoint {token_server.token_url}, attempts=4)"
        )
        assert str(info.value.__cause__) == "token endpoint answered HTTP 503"

    def test_retry_policy_is_configurable(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """max_retries=1 sends exactly two requests."""
        token_server.script(*[(500, {})] * 3)
        policy = RetryPolicy(max_retries=1, base_delay_s=0.01, max_delay_s=0.01)
        with (
            OAuthClientCredentialsAuthProvider(
                **oauth_kwargs, retry_policy=policy
            ) as provider,
            pytest.raises(TokenRequestError),
        ):
            provider.get_headers()

        assert token_server.token_requests == 2

    def test_connection_error_retried_then_raised(
        self, oauth_kwargs: dict[str, Any], dead_url: str, no_retry_wait: None
    ) -> None:
        """A refused connection is retried and ends in TokenRequestError."""
        oauth_kwargs["oauth_url"] = dead_url
        provider = OAuthClientCredentialsAuthProvider(**oauth_kwargs)
        with provider, pytest.raises(TokenRequestError) as info:
            provider.get_headers()

        assert (info.value.attempts, info.value.status_code) == (4, None)
        assert (
            str(info.value) == "token request failed with ConnectError "
            f"(token endpoint {dead_url}, attempts=4)"
        )
        assert type(info.value.__cause__).__name__ == "ConnectError"

    def test_timeout_applies(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A slow endpoint hits the configured timeout and raises."""
        token_server.delay = 0.5
        policy = RetryPolicy(max_retries=0)
        with (
            OAuthClientCredentialsAuthProvider(
                **oauth_kwargs, timeout=0.1, retry_policy=policy
            ) as provider,
            pytest.raises(TokenRequestError) as info,
        ):
            provider.get_headers()

        assert type(info.value.__cause__).__name__ == "ReadTimeout"

    @pytest.mark.parametrize(
        "body",
        [b"<html>", b"[]", b"{}", b'{"access_token": ""}', b'{"access_token": 5}'],
    )
    def test_unusable_success_body(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any], body: bytes
    ) -> None:
        """A 200 without a usable access_token raises TokenRequestError, not a crash."""
        token_server.script((200, body))
        provider = OAuthClientCredentialsAuthProvider(**oauth_kwargs)
        with provider, pytest.raises(TokenRequestError) as info:
            provider.get_headers()

        assert info.value.reason == "token response has no access_token"
        assert token_server.token_requests == 1

    def test_redirect_is_not_followed(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A 3xx is an error; the secret is never re-posted elsewhere."""
        token_server.script((302, {}))
        provider = OAuthClientCredentialsAuthProvider(**oauth_kwargs)
        with provider, pytest.raises(TokenRequestError) as info:
            provider.get_headers()

        assert info.value.status_code == 302
        assert token_server.token_requests == 1


def test_repr_names_no_secret(oauth_kwargs: dict[str, Any]) -> None:
    """The provider's repr shows the endpoint and client but not the secret."""
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        text = repr(provider)

    assert (
        text == "OAuthClientCredentialsAuthProvider("
        f"oauth_url={oauth_kwargs['oauth_url']!r}, client_id='my-client', "
        "audience='zeebe.camunda.io', scope=None)"
    )


def test_stuck_lock_holder_is_waited_for_then_bypassed(
    token_server: TokenServer,
    oauth_kwargs: dict[str, Any],
    capture: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process stuck holding the file lock delays, but never blocks, a refresh."""
    monkeypatch.setattr("camunda_auth._cache.LOCK_WAIT_S", 0.2)
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        lock_path = Path(str(provider.cache_file)).with_suffix(".lock")
        stuck = FileLock(str(lock_path))
        with stuck:
            headers = dict(provider.get_headers())

    assert headers == token_server.bearer(1)
    assert token_server.token_requests == 1
    assert (
        "warning",
        f"OAuth token cache lock {lock_path} busy for 0.2s; going on without it",
    ) in capture.lines


def test_directory_lost_at_runtime_falls_back_to_memory(
    token_server: TokenServer, oauth_kwargs: dict[str, Any], cache_dir: Path
) -> None:
    """If the cache directory disappears later, one CacheWarning and memory only."""
    with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
        cache_dir.rmdir()
        cache_dir.write_text("now a file")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            first = dict(provider.get_headers())
            provider.invalidate()
            second = dict(provider.get_headers())

    assert [w.category for w in caught] == [CacheWarning]
    assert provider.cache_file is None
    assert (first, second) == (token_server.bearer(1), token_server.bearer(2))
