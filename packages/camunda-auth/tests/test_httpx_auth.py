"""CamundaAuth on real httpx clients against a real token endpoint and API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import httpx
import pytest
from camunda_auth import (
    AsyncOAuthClientCredentialsAuthProvider,
    BasicAuthProvider,
    CamundaAuth,
    NullAuthProvider,
    OAuthClientCredentialsAuthProvider,
)

# conftest.TokenServer; test modules cannot import conftest (importlib mode).
TokenServer = Any


class TestSyncClient:
    def test_api_401_refreshes_and_retries_once(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A rejected token is dropped, a new one fetched, the request resent."""
        token_server.rejected_tokens.add(token_server.token(1))
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            auth = CamundaAuth(provider)
            with httpx.Client(auth=auth) as client:
                response = client.post(
                    f"{token_server.base_url}/api", content=b'{"a": 1}'
                )

        assert response.status_code == 200
        assert token_server.token_requests == 2
        assert token_server.api_auth == [
            f"Bearer {token_server.token(1)}",
            f"Bearer {token_server.token(2)}",
        ]
        assert token_server.api_bodies == [b'{"a": 1}', b'{"a": 1}']

    def test_second_401_is_returned(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """The retry happens once; a second 401 reaches the caller."""
        token_server.reject_all_tokens = True
        provider = OAuthClientCredentialsAuthProvider(**oauth_kwargs)
        with provider, httpx.Client(auth=CamundaAuth(provider)) as client:
            response = client.get(f"{token_server.base_url}/api")

        assert response.status_code == 401
        assert len(token_server.api_auth) == 2
        assert token_server.token_requests == 2

    def test_streaming_body_is_replayed(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A generator body is read first so the retry sends the same bytes."""
        token_server.rejected_tokens.add(token_server.token(1))

        def chunks() -> Iterator[bytes]:
            yield b"part-1,"
            yield b"part-2"

        provider = OAuthClientCredentialsAuthProvider(**oauth_kwargs)
        with provider, httpx.Client(auth=CamundaAuth(provider)) as client:
            response = client.post(f"{token_server.base_url}/api", content=chunks())

        assert response.status_code == 200
        assert token_server.api_bodies == [b"part-1,part-2", b"part-1,part-2"]

    def test_basic_401_is_returned_without_retry(
        self, token_server: TokenServer
    ) -> None:
        """Basic auth cannot refresh, so a 401 comes back after one request."""
        provider = BasicAuthProvider(username="demo", password="demo")

        def reject(request: httpx.Request) -> httpx.Response:
            token_server.api_auth.append(request.headers.get("Authorization"))
            return httpx.Response(401)

        with httpx.Client(
            auth=CamundaAuth(provider), transport=httpx.MockTransport(reject)
        ) as client:
            response = client.get("http://127.0.0.1:1/api")

        assert response.status_code == 401
        assert token_server.api_auth == ["Basic ZGVtbzpkZW1v"]
        assert token_server.token_requests == 0

    def test_basic_sends_exact_header_and_no_token_request(
        self, token_server: TokenServer
    ) -> None:
        """Basic auth sends the precomputed header and never calls the endpoint."""
        provider = BasicAuthProvider(username=" demo ", password="demo")
        with httpx.Client(auth=CamundaAuth(provider)) as client:
            response = client.get(f"{token_server.base_url}/api")

        assert response.status_code == 200
        assert token_server.api_auth == ["Basic ZGVtbzpkZW1v"]
        assert token_server.token_requests == 0

    def test_null_provider_sends_no_authorization(
        self, token_server: TokenServer
    ) -> None:
        """NullAuthProvider adds nothing; the 401 comes back untouched."""
        with httpx.Client(auth=CamundaAuth(NullAuthProvider())) as client:
            response = client.get(f"{token_server.base_url}/api")

        assert response.status_code == 401
        assert token_server.api_auth == [None]

    def test_non_mapping_headers_raise_type_error(self) -> None:
        """A provider returning something other than a Mapping is a TypeError."""

        class Broken:
            def get_headers(self) -> Mapping[str, str]:
                return [("Authorization", "x")]  # type: ignore[return-value]

        with (
            httpx.Client(
                auth=CamundaAuth(Broken()),
                transport=httpx.MockTransport(lambda _: httpx.Response(200)),
            ) as client,
            pytest.raises(TypeError, match="list"),
        ):
            client.get("http://127.0.0.1:1/")

    def test_async_only_provider_rejected_on_sync_client(self) -> None:
        """A provider with only aget_headers cannot serve a sync client."""

        class AsyncOnly:
            async def aget_headers(self) -> Mapping[str, str]:
                return {}

        with (
            httpx.Client(
                auth=CamundaAuth(AsyncOnly()),
                transport=httpx.MockTransport(lambda _: httpx.Response(200)),
            ) as client,
            pytest.raises(TypeError, match="AsyncOnly"),
        ):
            client.get("http://127.0.0.1:1/")


class TestAsyncClient:
    async def test_api_401_refreshes_and_retries_once(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """The async flow refreshes through aget_headers and resends once."""
        token_server.rejected_tokens.add(token_server.token(1))
        provider = AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs)
        async with provider, httpx.AsyncClient(auth=CamundaAuth(provider)) as client:
            response = await client.post(
                f"{token_server.base_url}/api", json={"k": "v"}
            )

        assert response.status_code == 200
        assert token_server.token_requests == 2
        assert token_server.api_auth == [
            f"Bearer {token_server.token(1)}",
            f"Bearer {token_server.token(2)}",
        ]
        assert token_server.api_bodies == [b'{"k":"v"}', b'{"k":"v"}']

    async def test_twenty_concurrent_401s_cause_one_refresh(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """Twenty requests rejected together lead to exactly one new token."""
        token_server.rejected_tokens.add(token_server.token(1))
        async with AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            await provider.aget_headers()
            limits = httpx.Limits(max_connections=40)
            async with httpx.AsyncClient(
                auth=CamundaAuth(provider), limits=limits
            ) as client:
                responses = await asyncio.gather(
                    *(client.get(f"{token_server.base_url}/api") for _ in range(20))
                )

        assert [r.status_code for r in responses] == [200] * 20
        assert token_server.token_requests == 2
        assert sorted(set(token_server.api_auth)) == [
            f"Bearer {token_server.token(1)}",
            f"Bearer {token_server.token(2)}",
        ]

    async def test_async_streaming_body_is_replayed(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """An async generator body is read first so the retry can resend it."""
        token_server.rejected_tokens.add(token_server.token(1))

        async def chunks() -> AsyncIterator[bytes]:
            yield b"a"
            yield b"b"

        provider = AsyncOAuthClientCredentialsAuthProvider(**oauth_kwargs)
        async with provider, httpx.AsyncClient(auth=CamundaAuth(provider)) as client:
            response = await client.post(
                f"{token_server.base_url}/api", content=chunks()
            )

        assert response.status_code == 200
        assert token_server.api_bodies == [b"ab", b"ab"]

    async def test_sync_provider_works_on_async_client(
        self, token_server: TokenServer, oauth_kwargs: dict[str, Any]
    ) -> None:
        """A sync provider on an AsyncClient still refreshes after a 401."""
        token_server.rejected_tokens.add(token_server.token(1))
        with OAuthClientCredentialsAuthProvider(**oauth_kwargs) as provider:
            async with httpx.AsyncClient(auth=CamundaAuth(provider)) as client:
                response = await client.get(f"{token_server.base_url}/api")

        assert response.status_code == 200
        assert token_server.token_requests == 2

    async def test_basic_on_async_client(self, token_server: TokenServer) -> None:
        """Basic auth on an AsyncClient sends the exact header."""
        provider = BasicAuthProvider(username="demo", password="demo")
        async with httpx.AsyncClient(auth=CamundaAuth(provider)) as client:
            response = await client.get(f"{token_server.base_url}/api")

        assert response.status_code == 200
        assert token_server.api_auth == ["Basic ZGVtbzpkZW1v"]
        assert token_server.token_requests == 0


class TestSimpleProviders:
    def test_null_headers_are_empty(self) -> None:
        """NullAuthProvider returns an empty mapping."""
        assert dict(NullAuthProvider().get_headers()) == {}

    def test_basic_header_exact(self) -> None:
        """The Basic header is base64 of 'user:password' after stripping."""
        provider = BasicAuthProvider(username=" user ", password=" pa:ss ")

        assert dict(provider.get_headers()) == {
            "Authorization": "Basic dXNlcjpwYTpzcw=="
        }

    @pytest.mark.parametrize(
        ("username", "password", "message"),
        [
            ("", "p", "username must be a non-empty string"),
            ("u", "  ", "password must be a non-empty string"),
            ("a:b", "p", "username must not contain ':' (RFC 7617)"),
        ],
    )
    def test_basic_rejects_bad_values(
        self, username: str, password: str, message: str
    ) -> None:
        """Empty values and a colon in the username are ValueErrors."""
        with pytest.raises(ValueError, match="must") as info:
            BasicAuthProvider(username=username, password=password)

        assert str(info.value) == message

    def test_basic_repr_hides_password(self) -> None:
        """The repr names the user only."""
        assert repr(BasicAuthProvider(username="u", password="pw-123")) == (
            "BasicAuthProvider(username='u')"
        )
