from __future__ import annotations

import pytest
from codegen._naming import enum_member, identifier, pascal_case, snake_case


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("getProcessDefinitionXML", "get_process_definition_xml"),
        ("getDecisionRequirementsXML", "get_decision_requirements_xml"),
        ("activateJobs", "activate_jobs"),
        ("XMLParser", "xml_parser"),
        ("c8Links", "c8_links"),
        ("processInstanceKey", "process_instance_key"),
        ("$notIn", "not_in"),
        ("camunda.document.type", "camunda_document_type"),
    ],
)
def test_snake_case_keeps_acronyms_as_one_word(name: str, expected: str) -> None:
    """CamelCase and acronyms become snake_case words."""
    assert expected == snake_case(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("type", "type_"),
        ("filter", "filter_"),
        ("$in", "in_"),
        ("from", "from_"),
        ("id", "id"),
        ("additionalProperties", "additional_properties_"),
        ("2fa", "n2fa"),
        ("tenantId", "tenant_id"),
    ],
)
def test_identifier_adds_underscore_to_reserved_words(name: str, expected: str) -> None:
    """Keywords, builtins (but id) and internal names get a trailing underscore."""
    assert expected == identifier(name)


def test_pascal_case_joins_words() -> None:
    """Property names become class-name fragments."""
    assert ["FilterField", "TenantId", "Sort"] == [
        pascal_case("filter_field"),
        pascal_case("tenantId"),
        pascal_case("sort"),
    ]


def test_enum_member_names_are_valid_identifiers() -> None:
    """Enum values become upper-case identifiers."""
    assert ["BPMN_ELEMENT", "A_B", "V_1X", "EMPTY"] == [
        enum_member("BPMN_ELEMENT"),
        enum_member("a-b"),
        enum_member("1x"),
        enum_member(""),
    ]
