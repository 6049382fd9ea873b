"""Deployment and process-instance routes against the real core."""

from __future__ import annotations

import threading
import time

import httpx
from camunda_testkit import DevEngine


def test_process_definition_search_finds_deployment(api, service_task) -> None:
    """A deployed process shows up in the process-definition search."""
    process_id, _ = service_task()

    found = api.client.post(
        "/process-definitions/search",
        json={"filter": {"processDefinitionId": process_id}},
    )

    assert 200 == found.status_code
    assert [1] == [d["version"] for d in found.json()["items"]]


def test_deploy_returns_metadata_and_versions(api, bpmn) -> None:
    """Redeploying changed XML makes version 2; the same bytes stay version 1."""
    xml = bpmn("task-headers.bpmn")
    first = api.deploy(("a.bpmn", xml))
    same = api.deploy(("a.bpmn", xml))
    changed = api.deploy(("a.bpmn", xml + b"\n"))

    metadata = first["deployments"][0]
    versions = [
        d["deployments"][0]["processDefinition"]["processDefinitionVersion"]
        for d in (first, same, changed)
    ]

    assert {
        "processDefinition",
        "decisionDefinition",
        "decisionRequirements",
        "form",
        "resource",
    } == set(metadata)
    assert None is metadata["form"]
    assert "a.bpmn" == metadata["processDefinition"]["resourceName"]
    assert [1, 1, 2] == versions


def test_deploy_with_tenant_part(api, bpmn) -> None:
    """The tenantId multipart field is echoed in the result."""
    response = api.client.post(
        "/deployments",
        files=[("resources", ("a.bpmn", bpmn("task-headers.bpmn")))],
        data={"tenantId": "<default>"},
    )

    assert 200 == response.status_code
    assert "<default>" == response.json()["tenantId"]


def test_deploy_form_beside_bpmn(api, bpmn) -> None:
    """A .form resource deploys next to a BPMN file in one request."""
    form = b'{"id": "f1", "components": [], "type": "default"}'

    result = api.deploy(("a.bpmn", bpmn("human-tasks.bpmn")), ("f1.form", form))

    assert 2 == len(result["deployments"])


def test_deploy_without_resources_is_400(api) -> None:
    """A multipart body with no resources part is rejected."""
    response = api.client.post("/deployments", files=[("tenantId", (None, b"x"))])

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]


def test_deploy_json_body_is_400(api) -> None:
    """A JSON body where multipart is required is rejected."""
    response = api.client.post("/deployments", json={"resources": []})

    assert 400 == response.status_code


def test_deploy_broken_xml_is_400(api) -> None:
    """XML that does not parse rejects the whole deployment."""
    response = api.client.post(
        "/deployments", files=[("resources", ("bad.bpmn", b"<definitions"))]
    )

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]


def test_create_by_key_and_get(api, service_task) -> None:
    """An instance created by definition key can be read back as ACTIVE."""
    process_id, _ = service_task()
    definition = api.client.post(
        "/process-definitions/search",
        json={"filter": {"processDefinitionId": process_id}},
    ).json()["items"][0]

    created = api.client.post(
        "/process-instances",
        json={
            "processDefinitionKey": definition["processDefinitionKey"],
            "variables": {"x": 1},
        },
    )
    instance = api.instance(created.json()["processInstanceKey"])

    assert 200 == created.status_code
    assert {} == created.json()["variables"]
    assert "ACTIVE" == instance["state"]
    assert None is instance["endDate"]
    assert process_id == instance["processDefinitionId"]


def test_create_unknown_process_is_404(api) -> None:
    """Creating an instance of an unknown process id answers 404 NOT_FOUND."""
    response = api.client.post(
        "/process-instances", json={"processDefinitionId": "does-not-exist"}
    )

    assert 404 == response.status_code
    assert "NOT_FOUND" == response.json()["title"]


def test_create_with_key_and_id_is_400(api) -> None:
    """Giving both a definition key and id is rejected."""
    response = api.client.post(
        "/process-instances",
        json={"processDefinitionKey": "1", "processDefinitionId": "x"},
    )

    assert 400 == response.status_code


def test_await_completion_returns_fetched_variables(api, service_task) -> None:
    """AwaitCompletion holds the answer until the end and filters variables."""
    process_id, job_type = service_task()
    worker = threading.Timer(0.3, api.complete, args=(job_type, {"b": 2, "c": 3}))
    worker.start()

    response = api.client.post(
        "/process-instances",
        json={
            "processDefinitionId": process_id,
            "variables": {"a": 1},
            "awaitCompletion": True,
            "requestTimeout": 10_000,
            "fetchVariables": ["a", "b"],
        },
    )
    worker.join()

    assert 200 == response.status_code
    assert {"a": 1, "b": 2} == response.json()["variables"]


def test_await_completion_times_out_with_504(api, service_task) -> None:
    """AwaitCompletion answers 504 when the instance outlives requestTimeout."""
    process_id, _ = service_task()

    response = api.client.post(
        "/process-instances",
        json={
            "processDefinitionId": process_id,
            "awaitCompletion": True,
            "requestTimeout": 300,
        },
    )

    assert 504 == response.status_code
    assert "DEADLINE_EXCEEDED" == response.json()["title"]


def test_await_completion_of_cancelled_instance_is_409(api, service_task) -> None:
    """An awaited instance that gets cancelled answers 409 instead of hanging."""
    process_id, _ = service_task()
    keys: list[str] = []

    def cancel_when_seen() -> None:
        found = api.client.post(
            "/process-instances/search",
            json={"filter": {"processDefinitionId": process_id}},
        ).json()["items"]
        keys.extend(i["processInstanceKey"] for i in found)
        for key in keys:
            api.client.post(f"/process-instances/{key}/cancellation")

    canceller = threading.Timer(0.3, cancel_when_seen)
    canceller.start()
    response = api.client.post(
        "/process-instances",
        json={
            "processDefinitionId": process_id,
            "awaitCompletion": True,
            "requestTimeout": 10_000,
        },
    )
    canceller.join()

    assert 1 == len(keys)
    assert 409 == response.status_code


def test_search_process_instances_by_state(api, service_task) -> None:
    """Search finds ACTIVE instances of one definition with a page block."""
    process_id, _ = service_task()
    keys = {api.start(process_id) for _ in range(3)}

    response = api.client.post(
        "/process-instances/search",
        json={
            "filter": {"processDefinitionId": process_id, "state": {"$eq": "ACTIVE"}},
            "page": {"limit": 2},
        },
    )
    body = response.json()

    assert 200 == response.status_code
    assert 3 == body["page"]["totalItems"]
    assert 2 == len(body["items"])
    assert {i["processInstanceKey"] for i in body["items"]} <= keys
    assert body["page"]["endCursor"] is not None


def test_cancel_then_cancel_again(api, service_task) -> None:
    """Cancel answers 204 and TERMINATED; a second cancel is 404."""
    process_id, _ = service_task()
    key = api.start(process_id)

    first = api.client.post(f"/process-instances/{key}/cancellation")
    second = api.client.post(f"/process-instances/{key}/cancellation", json={})

    assert 204 == first.status_code
    assert "TERMINATED" == api.state(key)
    assert 404 == second.status_code


def test_get_unknown_instance_is_404(api) -> None:
    """GET of an unknown key answers 404 NOT_FOUND."""
    response = api.client.get("/process-instances/2251799813999999")

    assert 404 == response.status_code
    assert "NOT_FOUND" == response.json()["title"]


def test_read_lag_hides_fresh_instance(service_task, api, engine: DevEngine) -> None:
    """With read lag, a fresh instance is 404 at first and found later."""
    process_id, _ = service_task()
    engine.engine.read_lag_ms = 300
    key = api.start(process_id)

    early = api.client.get(f"/process-instances/{key}")
    engine.engine.read_lag_ms = 0
    late = api.client.get(f"/process-instances/{key}")

    assert 404 == early.status_code
    assert 200 == late.status_code


def test_process_definition_xml_round_trips(api, bpmn) -> None:
    """GET .../xml answers the deployed XML as text/xml."""
    xml = bpmn("task-headers.bpmn")
    result = api.deploy(("a.bpmn", xml))
    key = result["deployments"][0]["processDefinition"]["processDefinitionKey"]

    response = api.client.get(f"/process-definitions/{key}/xml")

    assert 200 == response.status_code
    assert response.headers["content-type"].startswith("text/xml")
    assert xml.decode() == response.text


def test_entity_expansion_is_refused(api) -> None:
    """XML with entity declarations is rejected with 400, not expanded."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><d>&c;</d>'
    )

    response = api.client.post(
        "/deployments", files=[("resources", ("bomb.bpmn", bomb))]
    )

    assert 400 == response.status_code
    assert "INVALID_ARGUMENT" == response.json()["title"]


def test_unsupported_element_names_it(api) -> None:
    """A deployment with an element outside the subset names that element."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'id="d" targetNamespace="x"><bpmn:process id="p" isExecutable="true">'
        '<bpmn:startEvent id="start"/><bpmn:complexGateway id="odd"/>'
        '<bpmn:sequenceFlow id="f" sourceRef="start" targetRef="odd"/>'
        "</bpmn:process></bpmn:definitions>"
    )

    response = api.client.post(
        "/deployments", files=[("resources", ("odd.bpmn", xml.encode()))]
    )

    assert 400 == response.status_code
    assert "odd" in response.json()["detail"]


def test_constructor_read_lag_delays_reads(bpmn) -> None:
    """DevEngine(read_lag_ms=...) makes fresh instances visible only later."""
    with (
        DevEngine(read_lag_ms=300) as engine,
        httpx.Client(base_url=engine.rest_address) as client,
    ):
        client.post(
            "/deployments",
            files=[("resources", ("a.bpmn", bpmn("task-headers.bpmn")))],
        )
        created = client.post(
            "/process-instances", json={"processDefinitionId": "migrant-work"}
        )
        key = created.json()["processInstanceKey"]
        early = client.get(f"/process-instances/{key}")
        time.sleep(0.5)
        late = client.get(f"/process-instances/{key}")

    assert 404 == early.status_code
    assert 200 == late.status_code


def test_await_completion_of_instant_process(api) -> None:
    """A process without wait states answers awaitCompletion at once."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'id="d" targetNamespace="x"><bpmn:process id="instant" isExecutable="true">'
        '<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>'
        '<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/>'
        "</bpmn:process></bpmn:definitions>"
    )
    api.deploy(("instant.bpmn", xml.encode()))

    response = api.client.post(
        "/process-instances",
        json={
            "processDefinitionId": "instant",
            "variables": {"v": 1},
            "awaitCompletion": True,
        },
    )

    assert 200 == response.status_code
    assert {"v": 1} == response.json()["variables"]


def test_partitions_show_in_topology() -> None:
    """DevEngine(partitions=3) reports three partitions."""
    with DevEngine(partitions=3) as engine:
        topology = httpx.get(f"{engine.rest_address}/topology").json()

    assert 3 == topology["partitionsCount"]


def test_element_instances_definition_and_subscriptions(api, bpmn) -> None:
    """Element instances, a definition by key and open subscriptions are readable."""
    api.deploy_real("message-catch.bpmn")
    key = api.start("Process_1q7wlgj", {"testMessageCorrelationField": "sub-1"})

    elements = api.client.post(
        "/element-instances/search", json={"filter": {"processInstanceKey": key}}
    ).json()["items"]
    waiting = next(
        e for e in elements if e["state"] == "ACTIVE" and e["type"] != "PROCESS"
    )
    single = api.client.get(f"/element-instances/{waiting['elementInstanceKey']}")
    definition = api.client.get(
        f"/process-definitions/{api.instance(key)['processDefinitionKey']}"
    )
    subscriptions = api.client.post(
        "/message-subscriptions/search",
        json={"filter": {"processInstanceKey": key}},
    ).json()["items"]

    assert waiting == single.json()
    assert "Process_1q7wlgj" == definition.json()["processDefinitionId"]
    assert [("test-message-1", "sub-1")] == [
        (s["messageName"], s["correlationKey"]) for s in subscriptions
    ]
