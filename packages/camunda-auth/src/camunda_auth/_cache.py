"""The on-disk token cache: where it lives, how files are read and written."""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

from filelock import FileLock, Timeout

from camunda_auth._errors import CacheWarning
from camunda_auth._token import Token, decode_cache_entry, encode_cache_entry

CACHE_DIR_ENV = "CAMUNDA_TOKEN_CACHE_DIR"
_MAX_FILE_BYTES = 64 * 1024
#: Longest wait for another process's refresh before fetching without the lock.
LOCK_WAIT_S = 60.0


def default_token_cache_dir() -> Path:
    r"""The per-user directory for cached tokens when nothing else is configured.

    - Linux and other Unix: ``$XDG_CACHE_HOME/camunda/oauth-tokens``, or
      ``~/.cache/camunda/oauth-tokens`` when ``XDG_CACHE_HOME`` is unset.
    - macOS: ``~/Library/Caches/camunda/oauth-tokens``.
    - Windows: ``%LOCALAPPDATA%\\camunda\\oauth-tokens``.
    """
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "camunda" / "oauth-tokens"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "camunda" / "oauth-tokens"
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_dir = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base_dir / "camunda" / "oauth-tokens"


def resolve_token_cache_dir(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Pick the token cache directory.

    Args:
        cache_dir: An explicit directory; wins when given.

    Returns:
        ``cache_dir``, else ``$CAMUNDA_TOKEN_CACHE_DIR`` when set and not
        empty, else :func:`default_token_cache_dir`.
    """
    if cache_dir is not None and str(cache_dir):
        return Path(cache_dir).expanduser()
    from_env = os.environ.get(CACHE_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_token_cache_dir()


class TokenFileCache:
    """One token file (and its lock file) inside the cache directory.

    The directory is created with mode 0700; an existing directory keeps its
    mode (it may be shared on purpose), while every file is 0600 from the
    moment it exists. All methods block; async callers use worker threads.
    """

    def __init__(self, directory: Path, key: str) -> None:
        self.directory = directory
        self.key = key
        self.path = directory / f"{key}.json"
        self._lock = FileLock(
            str(directory / f"{key}.lock"), mode=0o600, thread_local=False
        )
        self._warned = False
        self.lock_wait_s = LOCK_WAIT_S

    def acquire_lock(self) -> bool:
        """Take the cross-process lock held around check, fetch and write.

        Returns:
            False when another process held it for ``lock_wait_s`` seconds.
        """
        try:
            self._lock.acquire(timeout=self.lock_wait_s)  # pyright: ignore[reportUnknownMemberType]
        except Timeout:
            return False
        return True

    def try_lock(self) -> bool:
        """Take the cross-process lock if it is free, without waiting."""
        try:
            self._lock.acquire(blocking=False)  # pyright: ignore[reportUnknownMemberType]
        except Timeout:
            return False
        return True

    def release_lock(self) -> None:
        """Release the cross-process lock."""
        self._lock.release()

    def prepare(self) -> bool:
        """Create the directory and probe that it is writable.

        Returns:
            True when the cache can be used; otherwise a :class:`CacheWarning`
            has been issued and the caller keeps tokens in memory only.
        """
        try:
            self._ensure_directory()
            self._probe()
        except OSError as exc:
            self.warn_unusable(exc)
            return False
        return True

    def read(self) -> Token | None:
        """The cached token, or None when the file is missing or unusable."""
        try:
            with self.path.open("rb") as handle:
                data = handle.read(_MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > _MAX_FILE_BYTES:
            return None
        return decode_cache_entry(data, self.key)

    def write(self, token: Token) -> None:
        """Replace the cache file atomically: a 0600 temp file, fsync, rename."""
        tmp = self.directory / f".{self.key}.{os.getpid()}.{time.monotonic_ns()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            try:
                os.write(fd, encode_cache_entry(token, self.key))
                os.fsync(fd)
            finally:
                os.close(fd)
            tmp.replace(self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def remove_if(self, access_token: str | None) -> bool:
        """Delete the file if it holds ``access_token`` (any token for None)."""
        cached = self.read()
        if access_token is not None and (
            cached is None or cached.access_token != access_token
        ):
            return False
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True

    def warn_unusable(self, error: OSError) -> None:
        """Issue the one warning that the directory cannot hold tokens."""
        if self._warned:
            return
        self._warned = True
        warnings.warn(
            f"token cache directory {self.directory} is not usable "
            f"({type(error).__name__}: {error.strerror or 'error'}); "
            "keeping OAuth tokens in memory only",
            CacheWarning,
            stacklevel=4,
        )

    def _ensure_directory(self) -> None:
        if self.directory.is_dir():
            return
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.directory.chmod(0o700)

    def _probe(self) -> None:
        probe = self.directory / f".probe.{os.getpid()}.{time.monotonic_ns()}.tmp"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        probe.unlink()
