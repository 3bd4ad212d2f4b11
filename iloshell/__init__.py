"""iloshell: walk a Redfish link graph like a filesystem, stage validated changes, commit safely."""

__version__ = "0.1.0"
