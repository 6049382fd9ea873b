"""The sans-I/O core: lifetimes, parsing, cache format, retries, cache paths."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from camunda_auth import (
    AuthenticationError,
    RetryPolicy,
    TokenRequestError,
    default_token_cache_dir,
    instant_retries,
    resolve_token_cache_dir,
)
from camunda_auth._token import (
    ClientCredentials,
    RetryLater,
    Token,
    decode_cache_entry,
    encode_cache_entry,
    parse_expires_in,
    read_token_response,
    token_for_lifetime,
)

URL = "http://127.0.0.1:9/oauth/token"


class TestLifetime:
    @pytest.mark.parametrize(
        ("lifetime", "reuse"),
        [(3600, 3540.0), (300, 240.0), (120, 96.0), (10, 8.0), (1, 0.8)],
    )
    def test_reuse_is_max_of_80_percent_and_minute_margin(
        self, lifetime: float, reuse: float
    ) -> None:
        """Tokens are reused for max(0.8 L, L - 60) seconds, never past expiry."""
        token = token_for_lifetime("t", lifetime, 1000.0)

        assert (token.refresh_at, token.expires_at) == (
            1000.0 + reuse,
            1000.0 + lifetime,
        )

    def test_usable_until_refresh_time(self) -> None:
        """A token is usable strictly before its refresh time."""
        token = Token("t", expires_at=20.0, refresh_at=18.0)

        assert [token.usable(t) for t in (17.9, 18.0, 19.0)] == [True, False, False]

    @pytest.mark.parametrize(
        ("value", "seconds"),
        [
            (3600, 3600.0),
            ("3600", 3600.0),
            (" 90 ", 90.0),
            (1.5, 1.5),
            ("abc", None),
            ("", None),
            (0, None),
            (-1, None),
            (float("nan"), None),
            ("inf", None),
            (True, None),
            (None, None),
            ([60], None),
        ],
    )
    def test_parse_expires_in(self, value: object, seconds: float | None) -> None:
        """Numbers and numeric strings are read; everything else is None."""
        assert parse_expires_in(value) == seconds

    def test_token_repr_hides_value(self) -> None:
        """A token's repr shows times only."""
        assert (
            repr(Token("SECRET", 2.0, 1.0)) == "Token(expires_at=2.0, refresh_at=1.0)"
        )


class TestResponses:
    def read(self, status: int, body: bytes, retry_after: str | None = None) -> object:
        return read_token_response(
            status_code=status,
            body=body,
            retry_after=retry_after,
            url=URL,
            issued_at=100.0,
            attempts=1,
        )

    def test_success_with_string_expires_in(self) -> None:
        """A 200 with a string expires_in gives a token with that lifetime."""
        token = self.read(200, b'{"access_token": "abc", "expires_in": "300"}')

        assert token == Token("abc", expires_at=400.0, refresh_at=340.0)

    def test_missing_expires_in_defaults_to_60_seconds(self) -> None:
        """Without expires_in the token lives 60 s and is reused for 48 s."""
        token = self.read(200, b'{"access_token": "abc"}')

        assert token == Token("abc", expires_at=160.0, refresh_at=148.0)

    @pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
    def test_retryable_statuses(self, status: int) -> None:
        """429 and 5xx ask for a retry, carrying Retry-After seconds."""
        assert self.read(status, b"", "2") == RetryLater(status, 2.0)

    def test_bad_retry_after_ignored(self) -> None:
        """A non-numeric Retry-After (e.g. an HTTP date) is ignored."""
        assert self.read(503, b"", "Wed, 21 Oct 2015 07:28:00 GMT") == RetryLater(
            503, None
        )

    @pytest.mark.parametrize(
        ("body", "error"),
        [
            (b'{"error": "invalid_client"}', "invalid_client"),
            (b'{"error": 5}', None),
            (b'{"error": "' + b"x" * 65 + b'"}', None),
            (b"<html>", None),
        ],
    )
    def test_rejections_carry_oauth_error_code(
        self, body: bytes, error: str | None
    ) -> None:
        """400/401/403 raise AuthenticationError with a short error code only."""
        with pytest.raises(AuthenticationError) as info:
            self.read(401, body)

        assert (info.value.status_code, info.value.error, info.value.url) == (
            401,
            error,
            URL,
        )

    def test_other_status_is_token_request_error(self) -> None:
        """An unexpected 404 is a TokenRequestError at once."""
        with pytest.raises(TokenRequestError) as info:
            self.read(404, b"")

        assert (info.value.status_code, info.value.attempts) == (404, 1)

    def test_url_user_info_is_redacted(self) -> None:
        """Errors never show user info or query of the token URL."""
        error = AuthenticationError(
            status_code=401, url="https://u:pw@h.example/t?k=v", error=None
        )

        assert error.url == "https://h.example/t"


class TestCacheEntry:
    def test_round_trip(self) -> None:
        """A token written for a key reads back equal with that key."""
        token = Token("abc", 200.0, 150.0)

        assert decode_cache_entry(encode_cache_entry(token, "k1"), "k1") == token

    def test_foreign_key_is_a_miss(self) -> None:
        """A file written for another key is ignored."""
        data = encode_cache_entry(Token("abc", 200.0, 150.0), "k1")

        assert decode_cache_entry(data, "k2") is None

    @pytest.mark.parametrize(
        "changes",
        [
            {"version": 2},
            {"access_token": ""},
            {"expires_at": "2"},
            {"expires_at": 1, "refresh_at": 2},
            {"expires_at": True},
        ],
    )
    def test_invalid_entries_are_misses(self, changes: dict[str, object]) -> None:
        """Wrong version, empty token, bad or inconsistent times are misses."""
        entry = {
            "version": 1,
            "key": "k",
            "access_token": "a",
            "expires_at": 2,
            "refresh_at": 1,
            **changes,
        }

        assert decode_cache_entry(json.dumps(entry).encode(), "k") is None

    @pytest.mark.parametrize("data", [b"", b"null", b"[]", b"\xff"])
    def test_unreadable_entries_are_misses(self, data: bytes) -> None:
        """Empty, null, non-object and undecodable data are misses."""
        assert decode_cache_entry(data, "k") is None

    def test_cache_key_depends_on_identity_not_secret(self) -> None:
        """Same URL/client/audience/scope give one key whatever the secret."""
        base = ClientCredentials(URL, "c", "s1", "aud", None)
        same = ClientCredentials(URL, "c", "s2", "aud", None)
        scoped = ClientCredentials(URL, "c", "s1", "aud", "x")

        assert base.cache_key() == same.cache_key()
        assert base.cache_key() != scoped.cache_key()
        assert len(base.cache_key()) == 64
        assert "s1" not in repr(base)


class TestRetryPolicy:
    def test_full_jitter_within_exponential_ceiling(self) -> None:
        """Delays stay within [0, min(max, base * 2**n)]."""
        random.seed(7)
        policy = RetryPolicy(base_delay_s=0.1, max_delay_s=0.3)

        ceilings = [max(policy.delay(n) for _ in range(200)) for n in range(4)]

        limits = [0.1, 0.2, 0.3, 0.3]

        assert [c <= lim for c, lim in zip(ceilings, limits, strict=True)] == [True] * 4
        assert min(ceilings) > 0.0

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"max_retries": -1}, "max_retries must be >= 0, got -1"),
            ({"base_delay_s": -0.1}, "base_delay_s and max_delay_s must be >= 0"),
        ],
    )
    def test_invalid_policy_rejected(
        self, kwargs: dict[str, Any], message: str
    ) -> None:
        """Negative retries or delays are a ValueError."""
        with pytest.raises(ValueError, match="must be") as info:
            RetryPolicy(**kwargs)

        assert str(info.value) == message

    def test_retry_after_raises_delay_up_to_cap(self) -> None:
        """A server Retry-After is honoured up to max_delay_s."""
        policy = RetryPolicy(base_delay_s=0.0, max_delay_s=2.0)

        assert (policy.delay(0, 1.5), policy.delay(0, 9.0)) == (1.5, 2.0)

    def test_instant_retries_switch(self) -> None:
        """Inside instant_retries every delay is zero, and it nests."""
        policy = RetryPolicy(base_delay_s=1.0, max_delay_s=1.0)
        with instant_retries():
            with instant_retries():
                inner = policy.delay(3, 1.0)
            outer = policy.delay(3, 1.0)
        after = policy.delay(0, 1.0)

        assert (inner, outer, after) == (0.0, 0.0, 1.0)


class TestCacheDirectory:
    def test_explicit_beats_env(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """An explicit cache_dir wins over CAMUNDA_TOKEN_CACHE_DIR."""
        monkeypatch.setenv("CAMUNDA_TOKEN_CACHE_DIR", str(tmp_path / "env"))

        assert resolve_token_cache_dir(str(tmp_path / "x")) == tmp_path / "x"
        assert resolve_token_cache_dir() == tmp_path / "env"

    def test_default_follows_xdg(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Without settings the default is $XDG_CACHE_HOME/camunda/oauth-tokens."""
        monkeypatch.delenv("CAMUNDA_TOKEN_CACHE_DIR", raising=False)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

        assert resolve_token_cache_dir() == tmp_path / "camunda" / "oauth-tokens"
        assert default_token_cache_dir() == tmp_path / "camunda" / "oauth-tokens"

    def test_default_without_xdg(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Without XDG_CACHE_HOME the default is ~/.cache/camunda/oauth-tokens."""
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        monkeypatch.setenv("HOME", str(tmp_path))

        assert default_token_cache_dir() == tmp_path / ".cache/camunda/oauth-tokens"
