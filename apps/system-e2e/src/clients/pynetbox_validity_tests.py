"""Drives Validity 2.3's tests and selectors through the gateway with Debian's pynetbox and prints what it saw.

Usage: NB_URL=http://127.0.0.1:18000 NB_TOKEN=<admin key> RUN_PREFIX=<unique> python3 pynetbox_validity_tests.py
"""
import json
import os

import pynetbox
from pynetbox.core.query import RequestError

nb = pynetbox.api(os.environ["NB_URL"], token=os.environ["NB_TOKEN"])
prefix = os.environ["RUN_PREFIX"]
validity = nb.plugins.validity
seen = {}

routers = validity.selectors.create(name=f"{prefix}-routers", name_filter=r"(?P<site>\w+)-rt\d+", dynamic_pairs="NAME")
core = validity.selectors.create(name=f"{prefix}-core", filter_operation="OR")
seen["selector"] = dict(routers)
seen["selector_choices"] = {field: [c["value"] for c in choices] for field, choices in validity.selectors.choices().items()}
seen["selectors_by_dynamic_pairs"] = [s.name for s in validity.selectors.filter(name__isw=prefix, dynamic_pairs="NAME")]
seen["selectors_by_q"] = [s.name for s in validity.selectors.filter(prefix)]
seen["selector_count"] = validity.selectors.count(name__isw=prefix)

test = validity.tests.create(name=f"{prefix}-ntp", description="from pynetbox", expression="device.name != ''",
                             selectors=[routers.id, core.id])
seen["test"] = dict(test)
seen["test_selector_names"] = [s.name for s in test.selectors]
seen["test_has_expression"] = hasattr(validity.tests.get(test.id), "expression")
seen["tests_by_selector"] = [t.id for t in validity.tests.filter(selector_id=core.id)]
fetched = validity.tests.get(test.id)
fetched.severity = "LOW"
fetched.selectors = [core.id]
seen["test_saved"] = fetched.save()
after = validity.tests.get(test.id)
seen["test_after_save"] = {"severity": after.severity, "selectors": [s.id for s in after.selectors]}
seen["test_choices"] = {field: [c["value"] for c in choices] for field, choices in validity.tests.choices().items()}
try:
    validity.tests.create(name=f"{prefix}-no-expression", description="d")
    seen["test_without_expression"] = "accepted"
except RequestError as error:
    seen["test_without_expression"] = {"status": error.req.status_code, "body": error.req.json()}
seen["missing_selector"] = validity.selectors.get(999999999)
seen["deleted"] = [after.delete(), validity.selectors.get(routers.id).delete(), core.delete()]

print(json.dumps(seen))
