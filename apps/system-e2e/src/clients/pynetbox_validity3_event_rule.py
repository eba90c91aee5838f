"""Validity 3.x's documented script (docs/features/webhooks.md): a webhook, then an event rule for
`validity.compliancereport` on `object_created` pointing at it, with pynetbox 7.8 (NetBox 4.6's). Only the
names, the receiver URL and a secret (to check the signature) are the caller's.

Usage: NB_URL=... NB_TOKEN=... HOOK_NAME=... HOOK_URL=... HOOK_SECRET=... python pynetbox_validity3_event_rule.py
"""
import json
import os

import pynetbox
from pynetbox.core.api import Api

nb = Api(url=os.environ["NB_URL"], token=os.environ["NB_TOKEN"])

webhook = nb.extras.webhooks.create(
    name=os.environ["HOOK_NAME"],
    payload_url=os.environ["HOOK_URL"],
    http_method="POST",
    ssl_verification=False,
    secret=os.environ["HOOK_SECRET"],
)

nb.extras.event_rules.create(
    name=os.environ["HOOK_NAME"] + "-event",
    object_types=["validity.compliancereport"],
    event_types=["object_created"],
    action_type="webhook",
    action_object_type="extras.webhook",
    action_object=webhook.id,
)

rule = nb.extras.event_rules.get(name=os.environ["HOOK_NAME"] + "-event")
print(
    json.dumps(
        {
            "pynetbox": pynetbox.__version__,
            "version": nb.version,
            "webhook": dict(nb.extras.webhooks.get(webhook.id)),
            "rule": dict(rule),
            "event_type_choices": [choice["value"] for choice in nb.extras.event_rules.choices()["event_types"]],
        }
    )
)
