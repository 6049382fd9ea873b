"""Variable scopes, propagation, input/output mappings and variable search."""

from __future__ import annotations

import json
from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError

_IO = (
    "<zeebe:ioMapping>"
    '<zeebe:input source="=order.id" target="orderId"/>'
    '<zeebe:input source="=5" target="limits.max"/>'
    '<zeebe:output source="=result * 2" target="doubled"/>'
    '<zeebe:output source="=orderId" target="summary.order"/>'
    "</zeebe:ioMapping>"
)


@pytest.fixture
def mapped(kit: Any, helpers: Any) -> Any:
    """Deploy start -> task with inputs and outputs -> end."""
    h = helpers
    body = h.START + h.service_task("task", "map", _IO) + h.END
    kit.deploy(h.bpmn("mapped", body + h.chain("start", "task", "end")))
    return kit


def test_inputs_become_local_variables_of_the_job(mapped: Any) -> None:
    """Input mappings (including nested targets) are visible to the job."""
    mapped.start("mapped", order={"id": "o-1"})

    job = mapped.activate("map")[0]

    assert {"order": {"id": "o-1"}, "orderId": "o-1", "limits": {"max": 5}} == job[
        "variables"
    ]


def test_outputs_replace_propagation(mapped: Any) -> None:
    """With outputs only mapped targets reach the process scope."""
    key = mapped.start("mapped", order={"id": "o-1"})

    mapped.work("map", {"result": 21, "noise": True})

    assert {
        "order": {"id": "o-1"},
        "doubled": 42,
        "summary": {"order": "o-1"},
    } == mapped.variables(key)


def test_output_of_a_failing_expression_is_null(mapped: Any) -> None:
    """FEEL failures give null, as in Zeebe, so the output target is null."""
    key = mapped.start("mapped", order={"id": "o-1"})

    mapped.work("map", {"result": "text"})

    assert mapped.variables(key)["doubled"] is None


def test_propagation_updates_the_scope_that_defines_a_variable(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Job variables go to the nearest scope defining them, else the root."""
    h = helpers
    body = (
        h.START
        + '<bpmn:subProcess id="sub"><bpmn:extensionElements><zeebe:ioMapping>'
        + '<zeebe:input source="=0" target="inner"/></zeebe:ioMapping>'
        + '</bpmn:extensionElements><bpmn:startEvent id="s2"/>'
        + h.service_task("task", "deep")
        + '<bpmn:endEvent id="e2"/>'
        + h.chain("s2", "task", "e2")
        + "</bpmn:subProcess>"
        + h.service_task("after", "after")
        + h.END
        + h.chain("start", "sub", "after", "end")
    )
    kit.deploy(h.bpmn("scoped", body))
    key = kit.start("scoped")

    kit.work("deep", {"inner": 1, "outer": 2})
    after = kit.activate("after")[0]

    assert {"outer": 2} == after["variables"]
    assert {"outer": 2} == kit.variables(key)


def test_set_variables_local_and_propagated(mapped: Any, engine: Engine) -> None:
    """PUT variables with local=true stays on the element, otherwise propagates."""
    key = mapped.start("mapped", order={"id": "o-1"})
    job = mapped.activate("map")[0]

    engine.create_element_instance_variables(
        job["elementInstanceKey"], {"variables": {"here": 1}, "local": True}
    )
    engine.create_element_instance_variables(
        job["elementInstanceKey"], {"variables": {"up": 2}}
    )
    local = engine.search_variables(
        {"filter": {"scopeKey": job["elementInstanceKey"], "name": "here"}}
    )["items"]

    assert ["1"] == [i["value"] for i in local]
    assert 2 == mapped.variables(key)["up"]
    assert "here" not in mapped.variables(key)


def test_set_variables_on_unknown_scope_is_not_found(engine: Engine) -> None:
    """Setting variables on an unknown element instance gives 404."""
    with pytest.raises(EngineError) as error:
        engine.create_element_instance_variables("2251799813685999", {"variables": {}})

    assert 404 == error.value.status


def test_variable_values_are_json_text_and_truncated(kit: Any, helpers: Any) -> None:
    """Search returns JSON text; long values are cut unless truncation is off."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "v",
            h.START + h.service_task("t", "t") + h.END + h.chain("start", "t", "end"),
        )
    )
    key = kit.start("v", small="s", big="x" * 10_000)
    engine: Engine = kit.engine

    cut = engine.search_variables({"filter": {"name": "big"}})["items"][0]
    full = engine.search_variables({"filter": {"name": "big"}}, truncate_values=False)[
        "items"
    ][0]
    small = engine.get_variable(
        engine.search_variables({"filter": {"name": "small"}})["items"][0][
            "variableKey"
        ]
    )

    assert (True, 8191) == (cut["isTruncated"], len(cut["value"]))
    assert (False, "x" * 10_000) == (full["isTruncated"], json.loads(full["value"]))
    assert '"s"' == small["value"]
    assert key == small["scopeKey"]
    assert "isTruncated" not in small


def test_variable_search_by_value_and_instance_variables_filter(
    kit: Any, helpers: Any, engine: Engine
) -> None:
    """Process instances can be found by a variable's JSON value."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "v",
            h.START + h.service_task("t", "t") + h.END + h.chain("start", "t", "end"),
        )
    )
    kit.start("v", order="a")
    wanted = kit.start("v", order="b")

    found = engine.search_process_instances(
        {"filter": {"variables": [{"name": "order", "value": '"b"'}]}}
    )

    assert [wanted] == [i["processInstanceKey"] for i in found["items"]]


def test_engine_keeps_private_copies_of_variables(kit: Any, helpers: Any) -> None:
    """Mutating a dict after handing it over, or a job's variables, changes nothing."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "v",
            h.START + h.service_task("t", "t") + h.END + h.chain("start", "t", "end"),
        )
    )
    order = {"items": [1]}
    key = kit.engine.create_process_instance(
        {"processDefinitionId": "v", "variables": {"order": order}}
    )["processInstanceKey"]

    order["items"].append(2)
    job = kit.activate("t")[0]
    job["variables"]["order"]["items"].append(3)

    assert {"order": {"items": [1]}} == kit.variables(key)


def test_nested_input_target_starts_fresh(kit: Any, helpers: Any) -> None:
    """An input to limits.max builds a new local, not a copy of the outer limits."""
    h = helpers
    kit.deploy(
        h.bpmn(
            "mapped",
            h.START
            + h.service_task("task", "map", _IO)
            + h.END
            + h.chain("start", "task", "end"),
        )
    )
    kit.start("mapped", order={"id": "o"}, limits={"min": 1, "max": 9})

    job = kit.activate("map")[0]

    assert {"max": 5} == job["variables"]["limits"]
