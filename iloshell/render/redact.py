"""What must not leave the shell as it came: passwords and tokens always, and on request the
values that identify a machine (serial numbers, MAC and IP addresses).

Pure functions on JSON values, shared by ``trace`` (request bodies printed as curl commands)
and ``snapshot`` (a service saved as a mockup to share). Secrets are masked by
:func:`iloshell.redfish.resource.mask_secrets`, the rule every response
already passed through when it was read.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

_MAC_RE = re.compile(r"\b[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){4}\b")
_MAC_IN_PATH_RE = re.compile(r"(?<=MAC\()[0-9A-Fa-f]{12}\b")  # UEFI device paths
# An address may end a sentence ("from 10.1.2.3."), but "1.2.3.4.5" is no address.
_IPV4_RE = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
_IPV6_RE = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:]|\.\d)")
# A serial this short or this plain ("1", "N/A", "0000") would turn up inside unrelated text.
_SERIAL_SHAPE = re.compile(r"(?=.*\d)(?=.*[A-Za-z])[\w-]{6,}")
# What names a type or a version of a body, never a machine; every other @odata value is a URI.
_HEX = "[0-9A-Fa-f]"
_KEPT = frozenset({"@odata.type", "@odata.etag"})


@dataclass
class Redactor:
    """Replaces serial numbers, MAC and IP addresses with stand-ins, consistently: the same
    original always gets the same stand-in across a whole snapshot, so a NIC's MAC in
    EthernetInterfaces still matches the one in the Manager's data after redaction.

    Stand-ins come from ranges reserved for documentation (192.0.2.0/24, 2001:db8::/32) and
    locally administered MACs (02:00:00:...), so they can never be mistaken for real ones.
    """

    numbers: dict[str, int] = field(default_factory=dict)  # "kind:original" -> its number
    _counts: dict[str, int] = field(default_factory=dict)
    _serials: dict[str, str] = field(default_factory=dict)  # casefolded original -> stand-in
    _serial_re: re.Pattern[str] | None = None
    _bare_macs: set[str] = field(default_factory=set)  # learned MACs as 12 hex digits
    _bare_mac_re: re.Pattern[str] | None = None

    def learn(self, value: Any, key: str = "") -> None:
        """Note the serial numbers and MAC addresses in ``value`` (SerialNumber and MACAddress
        properties) before redacting anything, so one that reappears inside another string is
        replaced even where it comes first: a serial in an iLO host name ``ILO<serial>`` or a
        system's URI (``/Systems/529QB9450R6``), a MAC without separators in an
        EthernetInterface's URI (``/EthernetInterfaces/12446A3B0411``)."""
        if isinstance(value, dict):
            for name, item in value.items():
                self.learn(item, str(name))
        elif isinstance(value, list):
            for item in value:
                self.learn(item, key)
        elif isinstance(value, str) and key.casefold().endswith("serialnumber"):
            stand_in = self._stand_in("serial", value)
            if _SERIAL_SHAPE.fullmatch(value) and value.casefold() not in self._serials:
                self._serials[value.casefold()] = stand_in
                longest_first = sorted(self._serials, key=len, reverse=True)
                self._serial_re = re.compile("|".join(map(re.escape, longest_first)), re.I)
        elif isinstance(value, str) and key.casefold().endswith("macaddress"):
            self._learn_mac(value)

    def _learn_mac(self, value: str) -> None:
        if not _MAC_RE.fullmatch(value):
            return
        bare = re.sub(r"[:-]", "", value).casefold()
        if bare not in self._bare_macs and bare.strip("0f"):  # all zeros or ones: no one's
            self._bare_macs.add(bare)
            alternatives = "|".join(sorted(self._bare_macs))
            self._bare_mac_re = re.compile(f"(?<!{_HEX})(?:{alternatives})(?!{_HEX})", re.I)

    def redact(self, value: Any) -> Any:
        """A document with serials, MACs and IPs replaced, wherever they occur in a string,
        links (``@odata.id``) included, as :meth:`uri` replaces them in the resource's own
        URI, so a redacted snapshot stays linked. ``@odata.type``, ``@odata.etag`` and
        versions stay (version ``1.2.3.4`` is not an address)."""
        self.learn(value)
        return self._redact(value, "")

    def uri(self, uri: str) -> str:
        """A URI as :meth:`redact` writes it in every link to it: where a redacted snapshot
        must store the resource."""
        return self._redact(uri, "@odata.id")

    def _redact(self, value: Any, key: str) -> Any:
        if isinstance(value, dict):
            return {k: self._redact(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [self._redact(v, key) for v in value]
        if not isinstance(value, str) or not value or key in _KEPT:
            return value
        if key.casefold().endswith("serialnumber"):
            return self._stand_in("serial", value)
        if self._serial_re is not None:
            value = self._serial_re.sub(lambda m: self._serials[m[0].casefold()], value)
        value = _MAC_RE.sub(lambda m: self._stand_in("mac", m[0]), value)
        value = _MAC_IN_PATH_RE.sub(lambda m: self._stand_in("mac", m[0]), value)
        if self._bare_mac_re is not None:
            value = self._bare_mac_re.sub(lambda m: self._stand_in("mac", m[0]), value)
        if "version" not in key.casefold():
            value = _IPV4_RE.sub(lambda m: self._ip(m[0]), value)
            value = _IPV6_RE.sub(lambda m: self._ip(m[0]), value)
        return value

    def redact_registry(self, doc: Any) -> Any:
        """An attribute registry: its entries may carry a machine's values (``CurrentValue``,
        ``DefaultValue``), judged by the attribute's name as if it were the property's."""
        entries = doc.get("RegistryEntries") if isinstance(doc, dict) else None
        attributes = entries.get("Attributes") if isinstance(entries, dict) else None
        if not isinstance(attributes, list):
            return doc
        redacted = []
        for entry in attributes:
            if isinstance(entry, dict) and isinstance(entry.get("AttributeName"), str):
                name = entry["AttributeName"]
                self.learn(entry.get("CurrentValue"), name)
                entry = {
                    k: self._redact(v, name) if k in ("CurrentValue", "DefaultValue") else v
                    for k, v in entry.items()
                }
            redacted.append(entry)
        return {**doc, "RegistryEntries": {**entries, "Attributes": redacted}}

    def _ip(self, text: str) -> str:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            return text  # a version number or a time, not an address
        if address.is_unspecified or address.is_loopback or _is_mask(address):
            return text  # 0.0.0.0, ::, 127.0.0.1 and netmasks identify nobody
        return self._stand_in("ipv6" if address.version == 6 else "ipv4", text)

    def _stand_in(self, kind: str, original: str) -> str:
        same = re.sub(r"[:-]", "", original) if kind == "mac" else original
        key = f"{kind}:{same.casefold()}"
        if key not in self.numbers:
            self._counts[kind] = self.numbers[key] = self._counts.get(kind, 0) + 1
        return _make(kind, self.numbers[key], original)


def _is_mask(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if address.version != 4:
        return False
    bits = f"{int(address):032b}"
    return "01" not in bits and bits.startswith("1")


def _make(kind: str, number: int, original: str) -> str:
    if kind == "serial":
        return f"REDACTED{number:04d}"
    if kind == "mac":
        sep = "-" if "-" in original else (":" if ":" in original else "")
        tail = f"{number:06x}"
        text = sep.join(["02", "00", "00", tail[0:2], tail[2:4], tail[4:6]])
        return text.upper() if original.upper() == original else text
    if kind == "ipv4":
        nets = ("192.0.2", "198.51.100", "203.0.113")
        index = (number - 1) % (254 * len(nets))
        return f"{nets[index // 254]}.{index % 254 + 1}"
    return f"2001:db8::{number:x}"
