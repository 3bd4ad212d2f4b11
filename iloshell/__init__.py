"""iloshell: walk a Redfish service's @odata.id link graph like a filesystem, stage validated changes."""

__version__ = "0.1.0"
