"""Activities that wait on others: jobs, user tasks, called processes, scripts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from camunda_testkit._bpmn import Element

from ._events import JobsAvailable
from ._expr import (
    CalledElementError,
    evaluate,
    evaluate_int,
    evaluate_json,
    evaluate_string,
)
from ._records import ElementInstance, Job, ProcessInstance, UserTask

if TYPE_CHECKING:
    from ._flow import Flow

__all__ = ["create_job", "create_user_task", "call", "run_script", "return_to_caller"]


def create_job(rt: Flow, ei: ElementInstance, element: Element) -> None:
    """Evaluate the task definition and create an activatable job."""
    assert element.task is not None
    variables = rt.visible_variables(ei)
    job_type = evaluate_string(element.task.type, variables)
    retries = evaluate_int(element.task.retries, variables)
    job = Job(
        key=rt.key(ei.instance.partition),
        type=job_type,
        element_instance=ei,
        retries=retries,
        custom_headers=dict(element.headers),
        tenant_id=ei.instance.tenant_id,
        created_ms=rt.now(),
    )
    ei.job = job
    rt.jobs[job.key] = job
    ei.instance.records.append(job)
    rt.make_activatable(job)
    rt.touch(job)
    rt.emit(JobsAvailable(job_type))


def create_user_task(rt: Flow, ei: ElementInstance, element: Element) -> None:
    """Create a Camunda user task in state CREATED."""
    spec = element.user_task
    assert spec is not None
    variables = rt.visible_variables(ei)

    def text(value: str | None) -> str | None:
        if value is None or value == "":
            return None
        result = evaluate(value, variables)
        if isinstance(result, (dt.datetime, dt.date)):
            return result.isoformat()
        return None if result is None else str(result)

    def names(value: str | None) -> list[str]:
        if value is None or value == "":
            return []
        result = evaluate(value, variables)
        if isinstance(result, list):
            return [str(v) for v in result]  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
        return [part.strip() for part in str(result).split(",") if part.strip()]

    form = None
    if spec.form_id is not None:
        found = rt.forms_by_id.get((ei.instance.tenant_id, spec.form_id))
        form = found.key if found is not None else None
    task = UserTask(
        key=rt.key(ei.instance.partition),
        element_instance=ei,
        created_ms=rt.now(),
        assignee=text(spec.assignee),
        candidate_groups=names(spec.candidate_groups),
        candidate_users=names(spec.candidate_users),
        due_date=text(spec.due_date),
        follow_up_date=text(spec.follow_up_date),
        form_key=form,
        external_form_reference=text(spec.external_reference),
        priority=evaluate_int(spec.priority, variables) if spec.priority else 50,
        custom_headers=dict(element.headers),
    )
    ei.user_task = task
    rt.user_tasks[task.key] = task
    ei.instance.records.append(task)
    rt.touch(task)


def call(rt: Flow, ei: ElementInstance, element: Element) -> None:
    """Start the called process as a child instance of ``ei``."""
    called = element.called
    assert called is not None
    variables = rt.visible_variables(ei)
    process_id = evaluate_string(called.process_id, variables)
    versions = rt.versions.get((process_id, ei.instance.tenant_id))
    if not versions or versions[-1].process.start_event is None:
        raise CalledElementError(
            f"Expected process with BPMN process id '{process_id}' to be deployed, "
            "but not found."
        )
    if not called.propagate_parent:
        variables = {n: v.value for n, v in ei.variables.items()}
    child = rt.start_instance(
        versions[-1], variables, [], ei.instance.business_id, parent=ei
    )
    ei.child_instance = child
    ei.instance.records.append(child)


def run_script(rt: Flow, ei: ElementInstance, element: Element) -> None:
    """Evaluate a zeebe:script expression into its result variable."""
    assert element.script is not None
    expression = element.script.expression
    text = expression if expression.lstrip().startswith("=") else "=" + expression
    value = evaluate_json(text, rt.visible_variables(ei))
    if element.script.result_variable:
        rt.deliver(ei, {element.script.result_variable: value})


def return_to_caller(rt: Flow, child: ProcessInstance, caller: ElementInstance) -> None:
    """Hand a completed child's variables back and complete the call activity."""
    assert caller.element is not None
    assert caller.element.called is not None
    variables: dict[str, Any] = {}
    if caller.element.called.propagate_child and child.root is not None:
        variables = {n: v.value for n, v in child.root.variables.items()}
    caller.child_instance = None
    rt.deliver(caller, variables)
    rt.complete(caller)
