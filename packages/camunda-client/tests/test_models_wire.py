from __future__ import annotations

import pickle
import subprocess
import sys

import pytest
from camunda_client import models
from camunda_client.models import (
    ActivatedJobResult,
    AgentInstanceMessageContent,
    AgentInstanceTextContent,
    JobActivationRequest,
    JobActivationResult,
    JobCompletionRequest,
    JobKindEnum,
    ProcessInstanceCreationInstructionById,
    TopologyResponse,
)
from camunda_client.models._base import Ctx, Ref
from camunda_client.types import UNSET, Unset

BIG = "9007199254740993"  # 2**53 + 1: a float would round it


def job_wire(**extra: object) -> dict[str, object]:
    wire: dict[str, object] = {
        "type": "payment",
        "processDefinitionId": "order",
        "processDefinitionVersion": 3,
        "elementId": "pay",
        "customHeaders": {"h": "1"},
        "worker": "w",
        "retries": 3,
        "deadline": 1700000000000,
        "variables": {"amount": 12.5},
        "tenantId": "<default>",
        "physicalTenantId": "p",
        "jobKey": BIG,
        "processInstanceKey": "2251799813685249",
        "processDefinitionKey": "2251799813685250",
        "elementInstanceKey": "2251799813685251",
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "userTask": None,
        "tags": ["a"],
        "rootProcessInstanceKey": None,
        "businessId": None,
        "priority": 0,
        "leaseToken": None,
    }
    wire.update(extra)
    return wire


def test_big_key_round_trips_exactly() -> None:
    """A 64-bit key beyond 2**53 stays the same string both ways."""
    job = ActivatedJobResult.from_dict(job_wire())

    assert (BIG, BIG) == (job.job_key, job.to_dict()["jobKey"])


def test_response_round_trip_is_lossless() -> None:
    """to_dict(from_dict(x)) gives x back for a full response."""
    wire = job_wire(someNewField={"x": [1, 2]})

    assert wire == ActivatedJobResult.from_dict(wire).to_dict()


def test_int_key_is_accepted_and_becomes_str() -> None:
    """An int where a key is expected is converted to its decimal string."""
    from_wire = ActivatedJobResult.from_dict(job_wire(jobKey=9007199254740993))
    built = JobActivationResult(jobs=[from_wire]).jobs[0]
    direct = ProcessInstanceCreationInstructionById(process_definition_id="p")

    assert (BIG, BIG) == (from_wire.job_key, built.job_key)
    assert UNSET is direct.tenant_id


def test_constructor_converts_int_keys() -> None:
    """Passing an int key to a model constructor stores the string."""
    from camunda_client.models import ProcessInstanceCreationInstructionByKey

    model = ProcessInstanceCreationInstructionByKey(process_definition_key=12345)

    assert ("12345", {"processDefinitionKey": "12345"}) == (
        model.process_definition_key,
        model.to_dict(),
    )


def test_unknown_fields_are_kept() -> None:
    """Fields the client does not know survive decoding and re-encoding."""
    topo = TopologyResponse.from_dict(
        {
            "brokers": [],
            "clusterId": None,
            "clusterSize": 1,
            "partitionsCount": 1,
            "replicationFactor": 1,
            "gatewayVersion": "8.10.0",
            "lastCompletedChangeId": "-1",
            "futureField": 7,
        }
    )

    assert ({"futureField": 7}, 7) == (topo.additional_properties, topo["futureField"])
    assert 7 == topo.to_dict()["futureField"]


def test_unknown_enum_value_is_tolerated() -> None:
    """A member a newer server adds decodes, compares and re-encodes as itself."""
    job = ActivatedJobResult.from_dict(job_wire(kind="FUTURE_KIND"))

    assert isinstance(job.kind, JobKindEnum)
    assert ("FUTURE_KIND", "FUTURE_KIND", "FUTURE_KIND") == (
        job.kind.value,
        str(job.kind),
        job.to_dict()["kind"],
    )
    assert job.kind == "FUTURE_KIND"


def test_known_enum_value_is_the_member() -> None:
    """A known value decodes to the enum member itself."""
    job = ActivatedJobResult.from_dict(job_wire())

    assert JobKindEnum.BPMN_ELEMENT is job.kind


def test_null_and_absent_stay_apart() -> None:
    """None encodes as JSON null; UNSET is left out."""
    explicit = JobCompletionRequest(variables=None)
    absent = JobCompletionRequest()

    assert ({"variables": None}, {}) == (explicit.to_dict(), absent.to_dict())
    assert (None, UNSET) == (
        JobCompletionRequest.from_dict({"variables": None}).variables,
        JobCompletionRequest.from_dict({}).variables,
    )


def test_unset_is_a_falsy_singleton() -> None:
    """UNSET is one instance, falsy, and survives pickling."""
    assert (False, "UNSET", True, True) == (
        bool(UNSET),
        repr(UNSET),
        Unset() is UNSET,
        pickle.loads(pickle.dumps(UNSET)) is UNSET,
    )


def test_request_from_dict_rejects_wrong_type() -> None:
    """A wrong type in a request body names the model and the wire field."""
    with pytest.raises(TypeError) as err:
        JobActivationRequest.from_dict(
            {"type": "t", "timeout": "1", "maxJobsToActivate": 1}
        )

    assert "JobActivationRequest.timeout: expected an integer, got str" == str(
        err.value
    )


def test_request_from_dict_rejects_missing_required() -> None:
    """A missing required field of a request body raises ValueError."""
    with pytest.raises(ValueError, match="missing required field") as err:
        JobActivationRequest.from_dict({"type": "t", "timeout": 1})

    assert "JobActivationRequest: missing required field 'maxJobsToActivate'" == str(
        err.value
    )


def test_request_from_dict_rejects_unknown_field_of_closed_object() -> None:
    """A typo in a closed request body is caught before it is sent."""
    with pytest.raises(ValueError, match="unknown field") as err:
        JobActivationRequest.from_dict(
            {"type": "t", "timeout": 1, "maxJobsToActivate": 1, "maxJobs": 2}
        )

    assert "JobActivationRequest: unknown field(s) 'maxJobs'" == str(err.value)


def test_request_from_dict_rejects_bool_as_int() -> None:
    """True is not accepted where an integer is required."""
    with pytest.raises(TypeError, match="maxJobsToActivate"):
        JobActivationRequest.from_dict(
            {"type": "t", "timeout": 1, "maxJobsToActivate": True}
        )


def test_request_from_dict_rejects_non_mapping() -> None:
    """from_dict of a non-mapping raises a TypeError naming the model."""
    with pytest.raises(TypeError) as err:
        JobActivationRequest.from_dict([1])  # type: ignore[arg-type]

    assert "JobActivationRequest: expected a mapping, got list" == str(err.value)


def test_response_decoding_is_lenient() -> None:
    """A response missing required fields or with odd types still decodes."""
    job = ActivatedJobResult.from_dict({"jobKey": "1", "retries": "three"})

    assert ("1", "three", UNSET) == (job.job_key, job.retries, job.worker)


def test_nested_models_decode_into_classes() -> None:
    """Arrays of objects become lists of model instances."""
    result = JobActivationResult.from_dict({"jobs": [job_wire()]})

    assert [BIG] == [j.job_key for j in result.jobs]
    assert isinstance(result.jobs[0], ActivatedJobResult)


def test_discriminated_union_picks_the_mapped_variant() -> None:
    """A oneOf with a discriminator decodes into the mapped class."""
    codec = Ref("AgentInstanceMessageContent")
    wire = {"contentType": "TEXT", "text": "hi"}

    value = codec.decode(wire, Ctx(strict=False), "x")

    assert isinstance(value, AgentInstanceTextContent)
    assert wire == value.to_dict()
    assert isinstance(AgentInstanceMessageContent, str)


def test_models_all_lists_every_schema_name() -> None:
    """__all__ of the models package is the index of generated names."""
    from camunda_client.models._index import MODULE_OF

    assert sorted(MODULE_OF) == models.__all__
    assert "ActivatedJobResult" in models.__all__
    assert len(models.__all__) > 600


def test_unknown_model_name_raises_attribute_error() -> None:
    """A name that is no model raises AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="NoSuchModel"):
        models.NoSuchModel  # noqa: B018


def test_importing_models_loads_no_model_module() -> None:
    """Importing the package loads only its index; one model loads one group."""
    code = (
        "import sys\n"
        "import camunda_client.models as m\n"
        "def loaded():\n"
        "    return sorted(k for k in sys.modules if k.startswith(m.__name__ + '.'))\n"
        "before = loaded()\n"
        "m.JobActivationRequest\n"
        "after = loaded()\n"
        "print(before, after)\n"
    )

    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()

    assert (
        "['camunda_client.models._index'] "
        "['camunda_client.models._base', 'camunda_client.models._index', "
        "'camunda_client.models._job']"
    ) == out


def test_union_variant_with_extra_field_still_decodes() -> None:
    """A union value with a field a newer server added still becomes a model."""
    from camunda_client.models import ProcessInstanceCreationInstructionById

    codec = Ref("ProcessInstanceCreationInstruction")
    wire = {"processDefinitionId": "order", "newerField": 1}

    value = codec.decode(wire, Ctx(strict=False), "x")

    assert isinstance(value, ProcessInstanceCreationInstructionById)
    assert ({"newerField": 1}, wire) == (value.additional_properties, value.to_dict())


def test_union_value_fitting_no_variant_is_kept_raw_in_responses() -> None:
    """Lenient decoding keeps a value no variant accepts, strict raises."""
    codec = Ref("ProcessInstanceCreationInstruction")

    kept = codec.decode(42, Ctx(strict=False), "x")

    assert 42 == kept
    with pytest.raises(TypeError, match="x: expected"):
        codec.decode(42, Ctx(strict=True), "x")


def test_union_request_dict_with_typo_is_rejected() -> None:
    """Strict decoding of a union accepts only an exact fit of a variant."""
    codec = Ref("ProcessInstanceCreationInstruction")

    with pytest.raises(TypeError, match="x: expected"):
        codec.decode(
            {"processDefinitionId": "p", "varaibles": {}}, Ctx(strict=True), "x"
        )


def test_validation_errors_never_echo_values() -> None:
    """A rejected value (maybe a password) is not repeated in the message."""
    from camunda_client.models import UserRequest

    with pytest.raises(TypeError) as err:
        UserRequest.from_dict({"username": "u", "password": 123456789, "name": "n"})

    assert "UserRequest.password: expected a string, got int" == str(err.value)


def test_secret_fields_stay_out_of_repr() -> None:
    """Passwords and secret values are not shown by repr."""
    from camunda_client.models import ResolvedSecret, UserRequest

    user = UserRequest(username="u", password="hunter2-secret")
    secret = ResolvedSecret(reference="r", value="s3cr3t-value")

    assert ("hunter2-secret" in repr(user), "s3cr3t-value" in repr(secret)) == (
        False,
        False,
    )
    assert "username='u'" in repr(user)


def test_int_key_in_a_filter_union_is_sent_as_string() -> None:
    """A key filter given as int goes out as its decimal string."""
    from camunda_client.models import (
        AdvancedProcessInstanceKeyFilter,
        ProcessInstanceFilter,
    )

    exact = ProcessInstanceFilter(process_instance_key=9007199254740993)
    advanced = ProcessInstanceFilter(
        process_instance_key=AdvancedProcessInstanceKeyFilter(in_=["1", "2"])
    )

    assert [
        {"processInstanceKey": "9007199254740993"},
        {"processInstanceKey": {"$in": ["1", "2"]}},
    ] == [exact.to_dict(), advanced.to_dict()]


def test_unknown_fields_are_reachable_by_item_access() -> None:
    """Item access reads, sets and deletes fields the client does not know."""
    request = JobCompletionRequest()

    request["extra"] = 1
    keys_after_set = request.additional_keys
    del request["extra"]

    assert (["extra"], [], False) == (
        keys_after_set,
        request.additional_keys,
        "extra" in request,
    )


def test_types_module_exports() -> None:
    """camunda_client.types exports the sentinel and the file types."""
    import camunda_client.types as types_module

    assert ["UNSET", "File", "FileContent", "Unset"] == types_module.__all__


def test_file_reads_bytes_or_a_file_object() -> None:
    """File.read_bytes returns the payload from bytes or from a file object."""
    import io

    from camunda_client.types import File

    assert (b"ab", b"cd") == (
        File(payload=b"ab").read_bytes(),
        File(payload=io.BytesIO(b"cd")).read_bytes(),
    )
