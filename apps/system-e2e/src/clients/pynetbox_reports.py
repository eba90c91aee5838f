"""Drives Validity's report API through the gateway with Debian's pynetbox (7.0) and prints what it saw as JSON.

It creates compliance tests, stores one compliance run of more than 1,000 results (POST is this system's
extension; Validity creates reports itself), then reads everything back the way a Validity user does:
nb.plugins.validity.reports.all() / .get(id) and nb.plugins.validity.test_results.filter(report_id=N),
whose second page pynetbox requests itself (limit=<count>&offset=1000).

Usage: NB_URL=http://127.0.0.1:28000 NB_TOKEN=<admin key> RUN_PREFIX=<unique> python3 pynetbox_reports.py
"""
import json
import os

import pynetbox

DEVICES = 550
prefix = os.environ["RUN_PREFIX"]
nb = pynetbox.api(os.environ["NB_URL"], token=os.environ["NB_TOKEN"])
validity = nb.plugins.validity

tests = [
    validity.tests.create(name=f"{prefix}-{severity}", description="from pynetbox", expression="True",
                          severity=severity)
    for severity in ("LOW", "HIGH")
]
sent = [
    {"test": test.id, "device": {"name": f"{prefix}-dev-{number}"}, "passed": number % 3 != 0,
     "explanation": [["device.name", f"{prefix}-dev-{number}"]]}
    for test in tests
    for number in range(DEVICES)
]
report = validity.reports.create(results=sent, custom_fields={"source": "pynetbox"})

fetched = validity.reports.get(report.id)
results = list(validity.test_results.filter(report_id=report.id))
seen = {
    "created": dict(report),
    "fetched": dict(fetched),
    "listed_ids": [listed.id for listed in validity.reports.all()],
    "missing_report": validity.reports.get(999999999),
    "results_count": len(results),
    "results_unique_ids": len({result.id for result in results}),
    "results_count_call": validity.test_results.count(report_id=report.id),
    "results_match": sorted((r.test.id, r.device.name, r.passed, r.explanation) for r in results)
    == sorted((s["test"], s["device"]["name"], s["passed"], s["explanation"]) for s in sent),
    "result_sample": dict(results[0]),
    "result_test_severity_lazy": results[0].test.severity,
    "failed_high_count": len(list(validity.test_results.filter(report_id=report.id, passed=False, severity="HIGH"))),
    "test_ids": [test.id for test in tests],
}
print(json.dumps(seen))
