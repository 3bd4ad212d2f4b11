"""iloshell-sim: a simulated HPE iLO 5 Redfish service for the shell's demo and every test.

Start it from the command line (``iloshell-sim``, see :mod:`iloshell.sim.cli`) or in-process
with :func:`iloshell.sim.testing.simulate`. It serves the built-in data set
(:mod:`iloshell.sim.builtin`) or any DMTF mockup folder with iLO 5 behaviour on the wire:
sessions and Basic auth, 308 redirects to canonical URIs, ETags and If-Match, schema-validated
PATCH, BIOS pending settings, actions, iLO-style error bodies and deterministic faults.
"""
