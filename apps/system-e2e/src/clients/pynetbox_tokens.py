"""Drives the gateway with Debian's pynetbox (7.0, the NetBox 3.6 era client) and prints what it saw as JSON.

Usage: NB_URL=http://127.0.0.1:18000 NB_TOKEN=<admin key> python3 pynetbox_tokens.py
"""
import json
import os

import pynetbox
from pynetbox.core.query import RequestError

nb = pynetbox.api(os.environ["NB_URL"], token=os.environ["NB_TOKEN"])
seen = {"version": nb.version, "status_keys": sorted(nb.status().keys())}

created = nb.users.tokens.create(write_enabled=False, description="read-only from pynetbox")
seen["created"] = {"id": created.id, "key_length": len(created.key), "write_enabled": created.write_enabled,
                   "display": str(created.display), "user": created.user.username}
seen["listed_ids"] = sorted(token.id for token in nb.users.tokens.all())
fetched = nb.users.tokens.get(created.id)
fetched.description = "renamed"
seen["saved"] = fetched.save()
seen["description_after_save"] = nb.users.tokens.get(created.id).description
# Other specs of the tier create read-only tokens too (the console's): filter on this one's description as well.
seen["filtered_ids"] = [token.id for token in nb.users.tokens.filter(write_enabled=False, description="renamed")]

read_only = pynetbox.api(os.environ["NB_URL"], token=created.key)
seen["read_only_can_list"] = len(list(read_only.users.tokens.all())) > 0
try:
    read_only.users.tokens.create(description="should be refused")
    seen["read_only_write"] = "accepted"
except RequestError as error:
    seen["read_only_write"] = {"status": error.req.status_code, "body": error.req.json()}

seen["deleted"] = nb.users.tokens.get(created.id).delete()
try:
    list(read_only.users.tokens.all())
    seen["deleted_token_read"] = "accepted"
except RequestError as error:
    seen["deleted_token_read"] = {"status": error.req.status_code, "body": error.req.json()}

print(json.dumps(seen))
