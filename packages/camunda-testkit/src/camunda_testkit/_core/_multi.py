"""Multi-instance activities: a body scope with one inner instance per item."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from camunda_testkit._bpmn import Element

from . import _waits as waits
from ._expr import ExpressionError, as_expression, evaluate_bool, evaluate_json
from ._records import ElementInstance

if TYPE_CHECKING:
    from ._flow import Flow

__all__ = ["enter_body", "spawn_inner", "complete_inner", "loop_done"]


def enter_body(rt: Flow, body: ElementInstance, element: Element) -> None:
    """Start a multi-instance body: one inner instance per collection item."""
    loop = element.loop
    assert loop is not None
    variables = rt.visible_variables(body)
    try:
        items = evaluate_json(as_expression(loop.input_collection), variables)
        if not isinstance(items, list):
            raise ExpressionError(
                f"Expected result of the expression '{loop.input_collection}' "
                f"to be 'ARRAY', but was '{type(items).__name__.upper()}'"
            )
    except ExpressionError as exc:
        rt.raise_incident(body, "EXTRACT_VALUE_ERROR", str(exc), "enter")
        return
    body.loop_items = cast("list[Any]", items)
    if loop.output_collection:
        rt.set_local(body, loop.output_collection, [None] * len(body.loop_items))
    waits.open_boundaries(rt, body, element)
    if not body.loop_items:
        rt.complete(body)
        return
    count = 1 if loop.sequential else len(body.loop_items)
    for _ in range(count):
        spawn_inner(rt, body, element)


def spawn_inner(rt: Flow, body: ElementInstance, element: Element) -> None:
    """Create the next inner instance with its loop counter and item."""
    assert body.loop_items is not None
    assert element.loop is not None
    index = body.loop_next
    body.loop_next += 1
    inner = rt.new_element_instance(body, element)
    inner.loop_role = "inner"
    rt.set_local(inner, "loopCounter", index + 1)
    if element.loop.input_element:
        rt.set_local(inner, element.loop.input_element, body.loop_items[index])
    rt.queue.append(lambda: rt.enter(inner))


def complete_inner(rt: Flow, inner: ElementInstance, element: Element) -> None:
    """An inner instance finished: collect its output, then go on or finish."""
    body = inner.parent
    loop = element.loop
    assert body is not None
    assert loop is not None
    assert body.loop_items is not None
    variables = rt.visible_variables(inner)
    if loop.output_collection and loop.output_element:
        value = evaluate_json(as_expression(loop.output_element), variables)
        collected = list(rt.visible_variables(body).get(loop.output_collection) or [])
        index = int(variables.get("loopCounter", 1)) - 1
        if 0 <= index < len(collected):
            collected[index] = value
        rt.set_local(body, loop.output_collection, collected)
    rt.close(inner, "COMPLETED")
    if loop.completion_condition and loop_done(rt, body, loop.completion_condition):
        for child in list(body.children.values()):
            rt.terminate(child)
    elif loop.sequential and body.loop_next < len(body.loop_items):
        spawn_inner(rt, body, element)
        return
    rt.queue.append(lambda: rt.check_scope(body))


def loop_done(rt: Flow, body: ElementInstance, condition: str) -> bool:
    """Evaluate the completion condition with the loop counters in scope."""
    assert body.loop_items is not None
    variables = rt.visible_variables(body)
    active = len(body.children)
    variables.update(
        {
            "numberOfInstances": len(body.loop_items),
            "numberOfActiveInstances": active,
            "numberOfCompletedInstances": body.loop_next - active,
        }
    )
    try:
        return evaluate_bool(condition, variables)
    except ExpressionError:
        return False
