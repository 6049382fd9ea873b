"""Deployments, versioning, keys, parsing and deploy-time validation."""

from __future__ import annotations

from typing import Any

import pytest
from camunda_testkit._core import Engine, EngineError


def _simple(h: Any, process_id: str = "simple", job_type: str = "t") -> bytes:
    return h.bpmn(
        process_id,
        h.START
        + h.service_task("task", job_type)
        + h.END
        + h.chain("start", "task", "end"),
    )


def test_first_keys_follow_the_zeebe_encoding(helpers: Any, engine: Engine) -> None:
    """Partition 1 keys start at 2251799813685249 and count up, as strings."""
    result = engine.create_deployment([("a.bpmn", _simple(helpers))])

    assert "2251799813685249" == result["deploymentKey"]
    assert (
        "2251799813685250"
        == (result["deployments"][0]["processDefinition"]["processDefinitionKey"])
    )


def test_instances_are_spread_over_partitions(helpers: Any, clock: Any) -> None:
    """With three partitions, instance keys carry partitions 1, 2, 3 in turn."""
    engine = Engine(partitions=3, clock=clock)
    engine.create_deployment([("a.bpmn", _simple(helpers))])

    keys = [
        int(
            engine.create_process_instance({"processDefinitionId": "simple"})[
                "processInstanceKey"
            ]
        )
        for _ in range(4)
    ]

    assert [1, 2, 3, 1] == [k >> 51 for k in keys]
    assert 3 == engine.get_topology()["partitionsCount"]


def test_redeploying_identical_xml_is_idempotent(helpers: Any, engine: Engine) -> None:
    """Same name and content returns the same key and version."""
    first = engine.create_deployment([("a.bpmn", _simple(helpers))])
    second = engine.create_deployment([("a.bpmn", _simple(helpers))])

    assert first["deployments"] == second["deployments"]
    assert first["deploymentKey"] != second["deploymentKey"]


def test_changed_xml_gets_a_new_version(kit: Any, helpers: Any, engine: Engine) -> None:
    """A changed resource bumps the version; creation by id uses the latest."""
    engine.create_deployment([("a.bpmn", _simple(helpers, job_type="v1"))])
    second = engine.create_deployment([("a.bpmn", _simple(helpers, job_type="v2"))])

    created = engine.create_process_instance({"processDefinitionId": "simple"})
    pinned = engine.create_process_instance(
        {"processDefinitionId": "simple", "processDefinitionVersion": 1}
    )

    assert (
        2 == second["deployments"][0]["processDefinition"]["processDefinitionVersion"]
    )
    assert 2 == created["processDefinitionVersion"]
    assert 1 == pinned["processDefinitionVersion"]
    assert [1, 1] == [len(kit.activate("v2")), len(kit.activate("v1"))]


def test_several_resources_in_one_deployment(helpers: Any, engine: Engine) -> None:
    """Processes, a form and another file are listed in the response."""
    result = engine.create_deployment(
        [
            ("a.bpmn", _simple(helpers, "pa")),
            ("b.bpmn", _simple(helpers, "pb")),
            ("f.form", b'{"id": "my-form"}'),
            ("notes.txt", b"hello"),
        ]
    )
    items = result["deployments"]

    assert ["pa", "pb"] == [
        i["processDefinition"]["processDefinitionId"] for i in items[:2]
    ]
    assert ("my-form", 1, "f.form") == (
        items[2]["form"]["formId"],
        items[2]["form"]["version"],
        items[2]["form"]["resourceName"],
    )
    assert ("notes.txt", None) == (items[3]["resource"]["resourceId"], items[3]["form"])


def test_one_bad_resource_rejects_the_whole_deployment(
    helpers: Any, engine: Engine
) -> None:
    """Deployment is atomic: nothing from a failed request is deployed."""
    with pytest.raises(EngineError):
        engine.create_deployment(
            [("good.bpmn", _simple(helpers, "good")), ("bad.bpmn", b"<nope")]
        )

    with pytest.raises(EngineError) as missing:
        engine.create_process_instance({"processDefinitionId": "good"})

    assert 404 == missing.value.status


_LISTENED = (
    '<bpmn:serviceTask id="heard"><bpmn:extensionElements>'
    '<zeebe:taskDefinition type="t"/><zeebe:executionListeners/>'
    "</bpmn:extensionElements></bpmn:serviceTask>"
)


@pytest.mark.parametrize(
    ("element", "named"),
    [
        ('<bpmn:callActivity id="call"/>', "'call' of type 'bpmn:callActivity'"),
        (
            '<bpmn:complexGateway id="cg"/>',
            "'cg' of type 'bpmn:complexGateway'",
        ),
        ('<bpmn:serviceTask id="bare"/>', "'bare' of type 'bpmn:serviceTask'"),
        (_LISTENED, "'heard' of type 'bpmn:serviceTask': zeebe:executionListeners"),
    ],
)
def test_unsupported_or_invalid_elements_are_named(
    helpers: Any, engine: Engine, element: str, named: str
) -> None:
    """The 400 detail names the offending element id and type."""
    xml = helpers.bpmn("bad", helpers.START + element)

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("bad.bpmn", xml)])

    assert (400, "INVALID_ARGUMENT") == (error.value.status, error.value.title)
    assert named in error.value.detail


def test_flow_to_unknown_target_is_rejected(helpers: Any, engine: Engine) -> None:
    """A sequence flow whose targetRef names nothing fails the deployment."""
    xml = helpers.bpmn("bad", helpers.START + helpers.flow("f", "start", "ghost"))

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("bad.bpmn", xml)])

    assert "targetRef 'ghost'" in error.value.detail


def test_feel_syntax_error_is_rejected(helpers: Any, engine: Engine) -> None:
    """A condition that does not parse fails the deployment."""
    h = helpers
    xml = h.bpmn(
        "bad",
        h.START
        + '<bpmn:exclusiveGateway id="gw"/>'
        + h.END
        + h.flow("a", "start", "gw")
        + h.flow("b", "gw", "end", "=x &gt;"),
    )

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("bad.bpmn", xml)])

    assert "'b' of type 'bpmn:sequenceFlow'" in error.value.detail


def test_entity_expansion_is_refused(engine: Engine) -> None:
    """XML with entity declarations is rejected quickly as unsafe."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
    )

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("bomb.bpmn", bomb)])

    assert "unsafe XML" in error.value.detail


def test_dmn_is_not_supported(engine: Engine) -> None:
    """DMN resources are refused with a clear message."""
    with pytest.raises(EngineError) as error:
        engine.create_deployment([("d.dmn", b"<definitions/>")])

    assert "DMN" in error.value.detail


def test_non_executable_processes_are_skipped(helpers: Any, engine: Engine) -> None:
    """A file whose only process is not executable is rejected."""
    xml = _simple(helpers).replace(b'isExecutable="true"', b'isExecutable="false"')

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("a.bpmn", xml)])

    assert "no executable process" in error.value.detail


def test_unknown_definition_is_not_found(engine: Engine) -> None:
    """Creating an instance of an unknown key or id gives 404."""
    with pytest.raises(EngineError) as by_key:
        engine.create_process_instance({"processDefinitionKey": "2251799813685249"})
    with pytest.raises(EngineError) as by_id:
        engine.create_process_instance({"processDefinitionId": "ghost"})

    assert (404, 404) == (by_key.value.status, by_id.value.status)


def test_process_definition_reads(helpers: Any, engine: Engine) -> None:
    """Definitions are searchable and their XML can be read back."""
    result = engine.create_deployment([("a.bpmn", _simple(helpers))])
    key = result["deployments"][0]["processDefinition"]["processDefinitionKey"]

    found = engine.search_process_definitions(
        {"filter": {"processDefinitionId": "simple"}}
    )

    assert [key] == [i["processDefinitionKey"] for i in found["items"]]
    assert _simple(helpers).decode() == engine.get_process_definition_xml(key)


def test_lanes_diagram_and_documentation_are_read_past(kit: Any, helpers: Any) -> None:
    """Lanes, documentation, data objects and diagram data do not disturb parsing."""
    h = helpers
    body = (
        "<bpmn:documentation>notes</bpmn:documentation>"
        '<bpmn:laneSet id="ls"><bpmn:lane id="l1"><bpmn:flowNodeRef>start'
        "</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>"
        '<bpmn:dataObject id="d"/><bpmn:dataObjectReference id="dr" dataObjectRef="d"/>'
        + h.START
        + h.END
        + h.chain("start", "end")
    )
    diagram = (
        '<bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'id="dia"><bpmndi:BPMNPlane id="pl" bpmnElement="lanes"/></bpmndi:BPMNDiagram>'
    )
    kit.deploy(h.bpmn("lanes", body, diagram))

    key = kit.start("lanes")

    assert "COMPLETED" == kit.state(key)


def test_condition_outside_a_gateway_is_rejected(helpers: Any, engine: Engine) -> None:
    """A conditional flow leaving a task is refused, as Zeebe does."""
    h = helpers
    xml = h.bpmn(
        "cond",
        h.START
        + h.service_task("t", "t")
        + h.END
        + h.flow("a", "start", "t")
        + h.flow("b", "t", "end", "=true"),
    )

    with pytest.raises(EngineError) as error:
        engine.create_deployment([("c.bpmn", xml)])

    assert "'b' of type 'bpmn:sequenceFlow'" in error.value.detail
