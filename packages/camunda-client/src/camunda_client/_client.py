"""`CamundaClient` and `CamundaAsyncClient`: generated operations on the runtime."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx
from camunda_auth import AsyncAuthProvider, AuthProvider, CamundaAuth
from camunda_log import CamundaLogger, SdkLogger, create_logger

from camunda_client._generated import _operations as _o
from camunda_client._generated import _support as _s
from camunda_client._generated._async_ops import AsyncOperations
from camunda_client._generated._sync_ops import SyncOperations
from camunda_client._runtime._auth_setup import (
    build_async_provider,
    build_sync_provider,
)
from camunda_client._runtime._core import AsyncClientCore, SyncClientCore
from camunda_client._runtime._deploy import (
    ExtendedDeploymentResult,
    FilePath,
    read_resources,
    tenant_form,
)
from camunda_client._runtime._options import httpx_options
from camunda_client._runtime._settings import RuntimeSettings
from camunda_client._runtime._tls import build_ssl_context

if TYPE_CHECKING:
    from camunda_config import CamundaSdkConfigPartial, CamundaSdkConfiguration

__all__ = ["CamundaAsyncClient", "CamundaClient"]


def resolve_configuration(
    configuration: CamundaSdkConfigPartial | CamundaSdkConfiguration | None,
) -> CamundaSdkConfiguration:
    """Merge `configuration` over the environment (an already resolved one is kept)."""
    # Imported here: pydantic loads with the first client, not with the package.
    from camunda_config import (
        CamundaSdkConfiguration,
        ConfigurationResolver,
        read_environment,
    )

    if isinstance(configuration, CamundaSdkConfiguration):
        return configuration
    explicit = dict(configuration) if configuration else None
    resolver = ConfigurationResolver(read_environment(), explicit)
    return resolver.resolve().effective


class _Setup:
    """What both clients derive from configuration before opening a connection."""

    def __init__(
        self,
        configuration: CamundaSdkConfigPartial | CamundaSdkConfiguration | None,
        logger: CamundaLogger | SdkLogger | None,
        httpx_kwargs: dict[str, Any],
    ) -> None:
        self.config = resolve_configuration(configuration)
        self.settings = RuntimeSettings.from_configuration(self.config)
        self.logger = create_logger(logger, level=self.config.CAMUNDA_SDK_LOG_LEVEL)
        self.ssl_context = build_ssl_context(self.config)
        self.options = httpx_options(
            httpx_kwargs,
            base_url=self.config.CAMUNDA_REST_ADDRESS,
            timeout_s=self.settings.timeout_s,
            ssl_context=self.ssl_context,
        )

    def token_transport(
        self, kind: type[httpx.HTTPTransport] | type[httpx.AsyncHTTPTransport]
    ) -> Any:
        """Return the transport for token requests: the user's, or one with mTLS."""
        if "transport" in self.options:
            return self.options["transport"]
        if self.ssl_context is not None:
            return kind(verify=self.ssl_context)
        return None


class _ClientFacts:
    """What both clients tell about how they were built."""

    _configuration: CamundaSdkConfiguration
    _sdk_logger: SdkLogger
    _httpx_kwargs: Mapping[str, Any]

    def _remember(self, setup: _Setup, httpx_kwargs: Mapping[str, Any]) -> None:
        self._configuration = setup.config
        self._sdk_logger = setup.logger
        self._httpx_kwargs = dict(httpx_kwargs)

    @property
    def configuration(self) -> CamundaSdkConfiguration:
        """The resolved configuration this client runs with."""
        return self._configuration

    @property
    def logger(self) -> SdkLogger:
        """The SDK logger, gated by ``CAMUNDA_SDK_LOG_LEVEL``."""
        return self._sdk_logger

    @property
    def httpx_kwargs(self) -> Mapping[str, Any]:
        """The httpx keywords given at construction (to build sibling clients)."""
        return self._httpx_kwargs


class CamundaClient(_ClientFacts, SyncOperations, SyncClientCore):
    """Blocking client for the Camunda 8 Orchestration Cluster REST API v2.

    Every operation of the API is a method named after its operationId in
    snake_case. Use it as a context manager, or call `close()`.

    Args:
        configuration: `CAMUNDA_*` settings, merged over the environment.
        auth_provider: Supplies auth headers; default: the provider that
            ``CAMUNDA_AUTH_STRATEGY`` names (closed with the client).
        logger: A stdlib, loguru or duck-typed logger for the SDK's messages.
        **httpx_kwargs: Forwarded to `httpx.Client` (``timeout``,
            ``headers``, ``verify``, ``transport``, ``event_hooks``,
            ``limits``...). ``base_url`` and ``auth`` are refused.

    Raises:
        TypeError: For ``base_url``, ``auth`` or ``token`` keywords.
    """

    def __init__(
        self,
        configuration: CamundaSdkConfigPartial | CamundaSdkConfiguration | None = None,
        *,
        auth_provider: AuthProvider | None = None,
        logger: CamundaLogger | SdkLogger | None = None,
        **httpx_kwargs: Any,
    ) -> None:
        setup = _Setup(configuration, logger, httpx_kwargs)
        self._owned_provider: AuthProvider | None = None
        if auth_provider is None:
            auth_provider = build_sync_provider(
                setup.config,
                transport=setup.token_transport(httpx.HTTPTransport),
                logger=setup.logger,
            )
            self._owned_provider = auth_provider
        self._auth_provider = auth_provider
        self._remember(setup, httpx_kwargs)
        http = httpx.Client(auth=CamundaAuth(auth_provider), **setup.options)
        SyncClientCore.__init__(
            self, http, settings=setup.settings, logger=setup.logger
        )

    @property
    def auth_provider(self) -> AuthProvider:
        """The auth provider that signs this client's requests."""
        return self._auth_provider

    def close(self) -> None:
        """Close the connection pool and the auth provider this client created."""
        self._http.close()
        close = getattr(self._owned_provider, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> CamundaClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def deploy_resources_from_files(
        self, files: Iterable[FilePath], tenant_id: str | None = None
    ) -> ExtendedDeploymentResult:
        """Deploy BPMN, DMN, form or other resource files in one deployment.

        Args:
            files: Paths of the files to deploy.
            tenant_id: Tenant to deploy to; default: the configured tenant.

        Returns:
            The deployment, with its artefacts sorted by kind.
        """
        result = self._call(
            _o.CREATE_DEPLOYMENT,
            _s.json_parser(_o.CREATE_DEPLOYMENT_RESULT),
            files=read_resources(files),
            form=tenant_form(tenant_id),
        )
        return ExtendedDeploymentResult.from_result(result)


class CamundaAsyncClient(_ClientFacts, AsyncOperations, AsyncClientCore):
    """Asyncio client for the Camunda 8 Orchestration Cluster REST API v2.

    The same operations as `CamundaClient`, as coroutines. Use it as an
    async context manager, or await `aclose()`.

    Args:
        configuration: `CAMUNDA_*` settings, merged over the environment.
        auth_provider: Supplies auth headers (``aget_headers`` preferred);
            default: the provider that ``CAMUNDA_AUTH_STRATEGY`` names.
        logger: A stdlib, loguru or duck-typed logger for the SDK's messages.
        **httpx_kwargs: Forwarded to `httpx.AsyncClient`. ``base_url`` and
            ``auth`` are refused.

    Raises:
        TypeError: For ``base_url``, ``auth`` or ``token`` keywords.
    """

    def __init__(
        self,
        configuration: CamundaSdkConfigPartial | CamundaSdkConfiguration | None = None,
        *,
        auth_provider: AuthProvider | AsyncAuthProvider | None = None,
        logger: CamundaLogger | SdkLogger | None = None,
        **httpx_kwargs: Any,
    ) -> None:
        setup = _Setup(configuration, logger, httpx_kwargs)
        self._owned_provider: AuthProvider | AsyncAuthProvider | None = None
        if auth_provider is None:
            auth_provider = build_async_provider(
                setup.config,
                transport=setup.token_transport(httpx.AsyncHTTPTransport),
                logger=setup.logger,
            )
            self._owned_provider = auth_provider
        self._auth_provider = auth_provider
        self._remember(setup, httpx_kwargs)
        http = httpx.AsyncClient(auth=CamundaAuth(auth_provider), **setup.options)
        AsyncClientCore.__init__(
            self, http, settings=setup.settings, logger=setup.logger
        )

    @property
    def auth_provider(self) -> AuthProvider | AsyncAuthProvider:
        """The auth provider that signs this client's requests."""
        return self._auth_provider

    async def aclose(self) -> None:
        """Close the connection pool and the auth provider this client created."""
        await self._http.aclose()
        provider = self._owned_provider
        aclose = getattr(provider, "aclose", None)
        if aclose is not None:
            await aclose()
            return
        close = getattr(provider, "close", None)
        if close is not None:
            close()

    async def __aenter__(self) -> CamundaAsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def deploy_resources_from_files(
        self, files: Iterable[FilePath], tenant_id: str | None = None
    ) -> ExtendedDeploymentResult:
        """Deploy resource files in one deployment; files are read off the loop.

        Args:
            files: Paths of the files to deploy.
            tenant_id: Tenant to deploy to; default: the configured tenant.

        Returns:
            The deployment, with its artefacts sorted by kind.
        """
        parts = await asyncio.to_thread(read_resources, list(files))
        result = await self._call(
            _o.CREATE_DEPLOYMENT,
            _s.json_parser(_o.CREATE_DEPLOYMENT_RESULT),
            files=parts,
            form=tenant_form(tenant_id),
        )
        return ExtendedDeploymentResult.from_result(result)
