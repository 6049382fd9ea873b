"""``camunda-testkit serve``: run the dev engine standalone until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from camunda_testkit._devengine import DevEngine
from camunda_testkit._http._auth import AUTH_MODES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="camunda-testkit",
        description="A local stand-in for a Camunda 8 cluster (REST API v2).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the dev engine until Ctrl-C")
    serve.add_argument("--host", default="127.0.0.1", help="interface to bind")
    serve.add_argument("--port", type=int, default=8080, help="port (0: any free)")
    serve.add_argument("--auth", choices=AUTH_MODES, default="none")
    serve.add_argument("--basic-user", default="demo")
    serve.add_argument("--basic-password", default="demo")
    serve.add_argument("--client-id", default="devengine")
    serve.add_argument("--client-secret", default="devengine-secret")
    serve.add_argument("--read-lag-ms", type=int, default=0)
    serve.add_argument("--partitions", type=int, default=1)
    serve.add_argument(
        "--long-poll-timeout-ms",
        type=int,
        default=10_000,
        help="job activation wait when a request sends requestTimeout 0",
    )
    serve.add_argument(
        "--spec-path",
        default=None,
        help="check requests and responses against this OpenAPI file",
    )
    serve.add_argument(
        "--no-request-log",
        action="store_true",
        help="do not keep a log of received requests (for benchmarks)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    engine = DevEngine(
        host=args.host,
        port=args.port,
        auth=args.auth,
        basic_credentials=(args.basic_user, args.basic_password),
        client_id=args.client_id,
        client_secret=args.client_secret,
        read_lag_ms=args.read_lag_ms,
        partitions=args.partitions,
        record_requests=not args.no_request_log,
        long_poll_timeout_ms=args.long_poll_timeout_ms,
        spec_path=args.spec_path,
    )
    try:
        engine.start()
    except OSError as error:
        sys.stderr.write(
            f"camunda-testkit: cannot listen on {args.host}:{args.port}: {error}\n"
        )
        return 1
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    sys.stdout.write(_banner(engine))
    sys.stdout.flush()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C during shutdown must not end in a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        engine.stop()
    # Whoever started us may have closed our stdout already (a benchmark
    # reading only the start-up line); that is no reason to fail.
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.write("camunda-testkit: stopped\n")
        sys.stdout.flush()
    return 0


def _banner(engine: DevEngine) -> str:
    line = (
        f"camunda-testkit dev engine serving {engine.rest_address} "
        f"(auth: {engine.auth.mode}); press Ctrl-C to stop\n"
    )
    if engine.auth.mode == "oauth":
        line += f"  OAuth token endpoint: {engine.token_url}\n"
    return line


if __name__ == "__main__":
    sys.exit(main())
