"""Schemathesis hooks: besides the bodies and ids the OpenAPI documents describe, send each class of
bad input the services must answer with a 4xx, never a 5xx (issue 12, item 5):

- path ids that are not the canonical form of an integer (`01`, `+1`, ` 1`, `1e0`, ...): 404;
- bodies nested deeper than the services' limit of 128 arrays and objects: 400;
- text with an unpaired UTF-16 surrogate (`"\\ud800"`, valid JSON): 400 naming the field.

Loaded with SCHEMATHESIS_HOOKS=bad_input_hooks (rest-fuzz.e2e-spec.ts puts this folder on PYTHONPATH).
"""

import schemathesis
from hypothesis import strategies as st

NON_CANONICAL_IDS = ["01", "+1", " 1", "1 ", "1e0", "0x1", "1.0", "-0", "\u0661", "00000000000000000001"]
DEPTH_OVER_LIMIT = 300


def _deeply_nested():
    value = []
    for _ in range(DEPTH_OVER_LIMIT):
        value = [value]
    return value


def _with_lone_surrogate(body):
    """The body with an unpaired surrogate added to its first text value (or as a new field)."""
    if isinstance(body, list):
        return [_with_lone_surrogate(body[0])] + body[1:] if body else ["\ud800"]
    if isinstance(body, dict):
        for key, value in body.items():
            if isinstance(value, str):
                return {**body, key: value + "\ud800"}
        return {**body, "name": "x\udfff"}
    return body


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters or "id" not in path_parameters:
        return st.just(path_parameters)
    bad = st.sampled_from(NON_CANONICAL_IDS).map(lambda id_: {**path_parameters, "id": id_})
    return st.one_of(st.just(path_parameters), bad)


@schemathesis.hook
def flatmap_body(context, body):
    if not isinstance(body, (dict, list)):
        return st.just(body)
    nested = {**body, "name": _deeply_nested()} if isinstance(body, dict) else [_deeply_nested()]
    return st.one_of(st.just(body), st.just(nested), st.just(_with_lone_surrogate(body)))
