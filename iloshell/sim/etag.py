"""The simulator's ETag rule, shared by the built-in data set and the HTTP server.

Both sides must compute the same tag from the same body, so a client that reads ``@odata.etag``
and sends it back in ``If-Match`` gets a match; hence one function in one small module.
"""

from __future__ import annotations

import json
import zlib


def etag_of(body: dict) -> str:
    """Weak ETag iLO-style: W/"XXXXXXXX" from a CRC32 of the canonical JSON body.

    ``@odata.etag`` itself is left out, so the tag can be stored in the body it describes.
    """
    data = {k: v for k, v in body.items() if k != "@odata.etag"}
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return 'W/"%08X"' % (zlib.crc32(text.encode()) & 0xFFFFFFFF)
