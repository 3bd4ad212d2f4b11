"""Constants of the Redfish protocol that every layer agrees on (no imports, loads instantly)."""

SERVICE_ROOT = "/redfish/v1/"
"""The service root; readable without credentials."""

HTTP_METHODS = ("GET", "HEAD", "POST", "PATCH", "PUT", "DELETE")
"""The methods a Redfish service answers (``raw`` sends any of them)."""
