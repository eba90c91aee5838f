"""Creates the Validity documentation's webhook with pynetbox (plus a secret and a unique name/path).

Usage: NB_URL=... NB_TOKEN=... HOOK_NAME=... HOOK_URL=... HOOK_SECRET=... python3 pynetbox_validity_webhook.py
"""
import json
import os

from pynetbox.core.api import Api

nb = Api(os.environ["NB_URL"], token=os.environ["NB_TOKEN"])
webhook = nb.extras.webhooks.create(
    name=os.environ["HOOK_NAME"],
    type_create=True,
    payload_url=os.environ["HOOK_URL"],
    http_method="POST",
    content_types=["validity.compliancereport"],
    secret=os.environ["HOOK_SECRET"],
)
print(json.dumps({"id": webhook.id}))
