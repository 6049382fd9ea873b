from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from camunda_testkit._feel import compile_expression


def test_one_expression_serves_many_threads() -> None:
    """A compiled expression holds no per-call state, so threads share it."""
    expression = compile_expression("for i in 1..50 return i * k")

    def run(k: int) -> tuple[int, int]:
        return k, sum(expression.evaluate({"k": k}))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(pool.map(run, range(200)))

    assert {k: 1275 * k for k in range(200)} == results
