"""The pure Redfish core: URIs and paths, resource bodies, links, and path walking.

No network, no state, no imports above :mod:`iloshell.errors`: the graph, the model, the
commands, the completion engine and the simulator all build on these rules, so a path
resolves the same way wherever it is typed.
"""
