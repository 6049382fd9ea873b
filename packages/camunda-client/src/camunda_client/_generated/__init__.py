"""Code generated from the REST API spec: the Operation table and the mixins.

``_support.py`` is written by hand; the other modules come from
``tools/codegen`` and are rewritten on every run.
"""
