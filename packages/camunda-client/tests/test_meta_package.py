"""The camunda_orchestration_sdk meta-package: lazy, complete re-exports."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import camunda_orchestration_sdk as sdk

PACKAGES = [
    "camunda_log",
    "camunda_config",
    "camunda_auth",
    "camunda_client",
    "camunda_worker",
]


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_import_loads_none_of_the_packages() -> None:
    """A fresh `import camunda_orchestration_sdk` imports no SDK package nor httpx."""
    code = (
        "import json, sys; import camunda_orchestration_sdk; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('httpx', 'pydantic', 'attrs', *" + repr(PACKAGES) + "))))"
    )

    assert [] == json.loads(run_python(code))


def test_all_is_the_union_of_the_packages_public_names() -> None:
    """__all__ lists every public name of the five packages exactly once."""
    expected = set()
    for name in PACKAGES:
        expected |= set(importlib.import_module(name).__all__)

    assert expected == set(sdk.__all__)
    assert len(sdk.__all__) == len(set(sdk.__all__))


def test_every_name_resolves_to_its_source() -> None:
    """Each re-export is the very object of the package that defines it."""
    import camunda_client
    import camunda_worker

    for name in sdk.__all__:
        value = getattr(sdk, name)
        sources = [
            importlib.import_module(p)
            for p in PACKAGES
            if name in importlib.import_module(p).__all__
        ]
        assert any(getattr(source, name) is value for source in sources), name

    assert camunda_worker.CamundaAsyncClient is sdk.CamundaAsyncClient
    assert camunda_client.instant_retries is sdk.instant_retries


def test_submodules_keep_reference_paths() -> None:
    """types, errors and models resolve to the client's objects."""
    from camunda_client import errors, models, types

    from camunda_orchestration_sdk import errors as sdk_errors
    from camunda_orchestration_sdk import models as sdk_models
    from camunda_orchestration_sdk import types as sdk_types

    assert (types.UNSET, types.Unset) == (sdk_types.UNSET, sdk_types.Unset)
    assert errors.__all__ == sdk_errors.__all__
    assert [getattr(errors, n) for n in errors.__all__] == [
        getattr(sdk_errors, n) for n in sdk_errors.__all__
    ]
    assert models.__all__ == sdk_models.__all__
    assert models.DeploymentResult is sdk_models.DeploymentResult


def test_model_classes_are_reachable_at_top_level() -> None:
    """Model names work at the top level, as in the reference SDK, and show in dir()."""
    from camunda_client import models

    listing = dir(sdk)

    assert models.JobActivationRequest is sdk.JobActivationRequest
    assert {"JobActivationRequest", "CamundaClient", "errors", "types"} <= set(listing)


def test_unknown_name_raises_attribute_error() -> None:
    """A name no package offers raises AttributeError naming it."""
    try:
        sdk.NoSuchThing  # noqa: B018
    except AttributeError as error:
        message = str(error)
    else:
        message = ""

    assert "'NoSuchThing'" in message


def test_runtime_submodule_matches_the_package() -> None:
    """camunda_orchestration_sdk.runtime serves the same objects as the package."""
    from camunda_orchestration_sdk import runtime

    assert [getattr(sdk, n) for n in runtime.__all__] == [
        getattr(runtime, n) for n in runtime.__all__
    ]
    assert set(runtime.__all__) <= set(sdk.__all__)
