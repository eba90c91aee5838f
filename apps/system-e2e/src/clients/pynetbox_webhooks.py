"""Runs the Validity documentation's webhook snippet with Debian's pynetbox (7.0, the NetBox 3.6 era client),
then the rest of the webhook API a pynetbox user touches, and prints what it saw as JSON.

Usage: NB_URL=http://127.0.0.1:18000 NB_TOKEN=<admin key> RUN_ID=<unique text> python3 pynetbox_webhooks.py
"""
import json
import os

from pynetbox.core.endpoint import Endpoint
from pynetbox.core.query import RequestError

# amyasnikov/validity docs/features/webhooks.md (1.4 - 2.3), verbatim.
DOC_SNIPPET = """
from pynetbox.core.api import Api

token = 'get api token via web gui and place it here'

nb = Api(url='http://127.0.0.1:8000', token=token)

nb.extras.webhooks.create(
    name='sample_webhook',
    type_create=True,  # bind webhook to object creation event
    payload_url='http://localhost:9000/api/webhook/',
    http_method='POST',
    content_types=['validity.compliancereport']
)
"""

# Only the two values the documentation asks its reader to fill in change: NetBox's URL and the token.
snippet = DOC_SNIPPET.replace("'http://127.0.0.1:8000'", repr(os.environ["NB_URL"])).replace(
    "'get api token via web gui and place it here'", repr(os.environ["NB_TOKEN"])
)

# The snippet discards what create() returns; record it to check that it is a Record with an id.
returned = []
create = Endpoint.create


def recording_create(endpoint, *args, **kwargs):
    returned.append(create(endpoint, *args, **kwargs))
    return returned[-1]


Endpoint.create = recording_create
namespace = {}
exec(snippet, namespace)
Endpoint.create = create
nb = namespace["nb"]
webhooks = nb.extras.webhooks
run = os.environ["RUN_ID"]
seen = {"snippet_returned": {"type": type(returned[0]).__name__, "id": returned[0].id}}

sample = webhooks.get(name="sample_webhook")
seen["created"] = {
    "id": sample.id,
    "url": sample.url,
    "display": str(sample),
    "http_method": sample.http_method,
    "content_types": sample.content_types,
    "type_create": sample.type_create,
    "enabled": sample.enabled,
}
seen["got_by_id"] = webhooks.get(sample.id).name
seen["missing_is_none"] = webhooks.get(999999999) is None
seen["filtered_ids"] = [
    w.id for w in webhooks.filter(name="sample_webhook", enabled=True, content_types="validity.compliancereport")
]
seen["searched_names"] = [w.name for w in webhooks.filter("sample_web")]
seen["listed"] = sample.id in [w.id for w in webhooks.all()]
seen["count"] = webhooks.count(name="sample_webhook")
seen["http_method_choices"] = [choice["value"] for choice in webhooks.choices()["http_method"]]

# Disabled right away: no dispatcher should try localhost:9000 on behalf of this test.
sample.enabled = False
sample.secret = "s3cr3t"
seen["saved"] = sample.save()
reloaded = webhooks.get(sample.id)
seen["after_save"] = {"enabled": reloaded.enabled, "secret": reloaded.secret}

try:
    webhooks.create(
        name=f"no-events-{run}",
        payload_url="http://localhost:9000/api/webhook/",
        content_types=["validity.compliancereport"],
    )
    seen["bad_create"] = "accepted"
except RequestError as error:
    seen["bad_create"] = {"status": error.req.status_code, "message": str(error)}

# 1,001 webhooks, more than one page of 1,000; disabled, on an object type that never emits events.
prefix = f"bulk-{run}-"
many = webhooks.create(
    [
        {
            "name": f"{prefix}{index:04d}",
            "type_create": True,
            "enabled": False,
            "payload_url": f"http://localhost:9000/{run}/{index}/",
            "content_types": ["validity.compliancetestresult"],
        }
        for index in range(1001)
    ]
)
seen["bulk_created"] = len(many)
listed_ids = [w.id for w in webhooks.all()]
seen["all"] = {"length": len(listed_ids), "has_every_bulk_webhook": {w.id for w in many} <= set(listed_ids)}
seen["filtered_bulk"] = len(list(webhooks.filter(name__isw=prefix)))
first_page = nb.http_session.get(
    f"{nb.base_url}/extras/webhooks/",
    params={"name__isw": prefix, "limit": 0},
    headers={"Authorization": f"Token {os.environ['NB_TOKEN']}"},
).json()
seen["first_page_of_limit_0"] = {
    "count": first_page["count"],
    "results": len(first_page["results"]),
    "next": first_page["next"],
}

for record in many[:2]:
    record.http_method = "PUT"
updated = webhooks.update(many[:2] + [{"id": many[2].id, "http_method": "PATCH"}])
seen["bulk_updated"] = sorted((w.name, w.http_method) for w in updated)

seen["bulk_deleted"] = webhooks.delete(many)
seen["count_after_bulk_delete"] = webhooks.count(name__isw=prefix)

seen["deleted"] = sample.delete()
seen["deleted_is_gone"] = webhooks.get(sample.id) is None

print(json.dumps(seen))
