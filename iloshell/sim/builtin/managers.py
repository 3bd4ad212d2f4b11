"""The management processor ``/redfish/v1/Managers/1``: iLO 5 itself.

Its network ports, network services, clock (HPE's ``HpeiLODateTime`` resource) and the iLO Event
Log. Addresses come from the documentation ranges (192.0.2.0/24, 2001:db8::/32) and names from
``example.net``, so nothing here points at a real network.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from iloshell.sim.builtin.common import Resource, collection, link, links, resource, status

MANAGER = "/redfish/v1/Managers/1"
ILO_FIRMWARE = "3.01"
ILO_HOST_NAME = "ilo-demo"
ILO_DOMAIN = "example.net"
ILO_MAC = "94:40:C9:A1:0E:5C"
ILO_ADDRESS = "192.0.2.10"

TIME_ZONES = [
    ("International Date Line West", "-12:00", "GMT+12"),
    ("Hawaii", "-10:00", "GMT+10"),
    ("Pacific Time (US & Canada)", "-08:00", "PST8PDT"),
    ("Mountain Time (US & Canada)", "-07:00", "MST7MDT"),
    ("Central Time (US & Canada)", "-06:00", "CST6CDT"),
    ("Eastern Time (US & Canada)", "-05:00", "EST5EDT"),
    ("Brasilia", "-03:00", "BRT3"),
    ("Greenwich Mean Time, London, Dublin, Lisbon", "+00:00", "GMT0BST"),
    ("Coordinated Universal Time", "+00:00", "UTC"),
    ("Berlin, Paris, Rome, Madrid, Stockholm", "+01:00", "CET-1CEST"),
    ("Athens, Helsinki, Kyiv", "+02:00", "EET-2EEST"),
    ("Moscow", "+03:00", "MSK-3"),
    ("Dubai", "+04:00", "GST-4"),
    ("Mumbai, New Delhi, Kolkata", "+05:30", "IST-5:30"),
    ("Beijing, Hong Kong, Singapore", "+08:00", "CST-8"),
    ("Tokyo, Osaka, Seoul", "+09:00", "JST-9"),
    ("Sydney, Canberra, Melbourne", "+10:00", "AEST-10AEDT"),
    ("Auckland, Wellington", "+12:00", "NZST-12NZDT"),
]
CURRENT_TIME_ZONE = 8  # Coordinated Universal Time

# iLO Event Log: (severity, categories, message)
IEL_EVENTS = [
    ("OK", ["Administration"], "Event log cleared by: admin."),
    ("OK", ["Security"], "Browser login: admin - 192.0.2.50(workstation.example.net)."),
    ("OK", ["Administration"], "iLO firmware update started by admin: iLO 5 v3.01."),
    ("OK", ["Administration"], "iLO reset to apply new firmware."),
    ("OK", ["Administration"], "iLO network link up at 1 Gbps."),
    ("OK", ["Administration"], "On-board clock set; was 2024-01-09 07:58:11."),
    ("OK", ["Security"], "Redfish login: admin - 192.0.2.50(workstation.example.net)."),
    ("OK", ["Administration"], "Added user: operator."),
    ("OK", ["Administration"], "Added user: monitor."),
    ("Warning", ["Security"], "Login failure from 203.0.113.7: unknown user name 'root'."),
    ("Warning", ["Security"], "Login failure from 203.0.113.7: unknown user name 'admin1'."),
    ("Warning", ["Security"], "Login attempts from 203.0.113.7 delayed after repeated failures."),
    ("OK", ["Administration"], "Server power restored."),
    ("OK", ["Administration"], "Host server reset requested by admin (ForceRestart)."),
    ("OK", ["Security"], "SSH login: operator - 192.0.2.51(jumphost.example.net)."),
    ("OK", ["Security"], "SSH logout: operator - 192.0.2.51(jumphost.example.net)."),
    ("Warning", ["Hardware"], "Power supply 2 input lost; redundancy lost."),
    ("OK", ["Hardware"], "Power supply 2 input restored; redundancy restored."),
    ("OK", ["Administration"], "BIOS settings changed by admin; pending until the next reset."),
    ("OK", ["Administration"], "Server power removed by: admin (GracefulShutdown)."),
    ("OK", ["Administration"], "Power on request received by: admin."),
    ("OK", ["Administration"], "Event subscription added: https://events.example.net/redfish."),
    ("Warning", ["Security"], "Self-signed TLS certificate in use; install a CA-signed one."),
    ("OK", ["Security"], "Redfish logout: admin - 192.0.2.50(workstation.example.net)."),
]


def build() -> list[Resource]:
    """Every resource below ``/redfish/v1/Managers``."""
    return [
        collection("/redfish/v1/Managers", "Manager", "Managers", [MANAGER], "Managers view"),
        _manager(),
        *_interfaces(),
        _network_protocol(),
        _date_time(),
        *_event_log(),
    ]


def _manager() -> Resource:
    return resource(
        MANAGER,
        "#Manager.v1_5_1.Manager",
        "Manager",
        "iLO 5, the baseboard management controller of the server",
        Actions={
            "#Manager.Reset": {
                "target": f"{MANAGER}/Actions/Manager.Reset",
                "ResetType@Redfish.AllowableValues": ["GracefulRestart", "ForceRestart"],
            }
        },
        CommandShell={
            "ConnectTypesSupported": ["SSH", "Oem"],
            "MaxConcurrentSessions": 9,
            "ServiceEnabled": True,
        },
        DateTime="2024-03-04T09:00:00Z",
        DateTimeLocalOffset="+00:00",
        EthernetInterfaces=link(f"{MANAGER}/EthernetInterfaces"),
        FirmwareVersion=f"iLO 5 v{ILO_FIRMWARE}",
        GraphicalConsole={
            "ConnectTypesSupported": ["KVMIP"],
            "MaxConcurrentSessions": 10,
            "ServiceEnabled": True,
        },
        Links={
            "ManagerForChassis": links(["/redfish/v1/Chassis/1"]),
            "ManagerForServers": links(["/redfish/v1/Systems/1"]),
            "ManagerInChassis": link("/redfish/v1/Chassis/1"),
        },
        LogServices=link(f"{MANAGER}/LogServices"),
        ManagerType="BMC",
        Model="iLO 5",
        NetworkProtocol=link(f"{MANAGER}/NetworkProtocol"),
        Oem={
            "Hpe": {
                "@odata.context": "/redfish/v1/$metadata#HpeiLO.HpeiLO",
                "@odata.type": "#HpeiLO.v2_8_0.HpeiLO",
                "Firmware": {
                    "Current": {
                        "Date": "Dec 12 2023",
                        "DebugBuild": False,
                        "MajorVersion": 3,
                        "MinorVersion": 1,
                        "VersionString": f"iLO 5 v{ILO_FIRMWARE}",
                    }
                },
                "License": {
                    "LicenseKey": "XXXXX-XXXXX-XXXXX-XXXXX-DEMO5",
                    "LicenseString": "iLO Advanced",
                    "LicenseType": "Perpetual",
                },
                "Links": {"DateTimeService": link(f"{MANAGER}/DateTime")},
                "RequireHostAuthentication": False,
                "SerialCLISpeed": 9600,
                "SerialCLIStatus": "EnabledAuthReq",
                "VirtualNICEnabled": True,
            }
        },
        SerialConsole={
            "ConnectTypesSupported": ["SSH", "IPMI", "Oem"],
            "MaxConcurrentSessions": 13,
            "ServiceEnabled": True,
        },
        Status=status(),
        UUID="8E1C9F02-6A4B-5D33-9C1E-2F0D3A000001",
    )


def _dhcp4(enabled: bool) -> dict:
    return {
        "DHCPEnabled": enabled,
        "UseDNSServers": enabled,
        "UseDomainName": enabled,
        "UseGateway": enabled,
        "UseNTPServers": enabled,
        "UseStaticRoutes": enabled,
    }


def _interfaces() -> list[Resource]:
    base = f"{MANAGER}/EthernetInterfaces"
    members = [f"{base}/1", f"{base}/2", f"{base}/3"]
    fqdn = f"{ILO_HOST_NAME}.{ILO_DOMAIN}"
    kind = "#EthernetInterface.v1_4_1.EthernetInterface"
    dedicated = resource(
        members[0],
        kind,
        "Manager Dedicated Network Interface",
        "Configuration of this Manager Network Interface",
        AutoNeg=True,
        DHCPv4=_dhcp4(False),
        FQDN=fqdn,
        FullDuplex=True,
        HostName=ILO_HOST_NAME,
        IPv4Addresses=[
            {
                "Address": ILO_ADDRESS,
                "AddressOrigin": "Static",
                "Gateway": "192.0.2.1",
                "SubnetMask": "255.255.255.0",
            }
        ],
        IPv4StaticAddresses=[
            {"Address": ILO_ADDRESS, "Gateway": "192.0.2.1", "SubnetMask": "255.255.255.0"}
        ],
        IPv6Addresses=[
            {"Address": "FE80::9640:C9FF:FEA1:E5C", "AddressOrigin": "SLAAC", "PrefixLength": 64},
            {"Address": "2001:DB8::10", "AddressOrigin": "Static", "PrefixLength": 64},
        ],
        InterfaceEnabled=True,
        LinkStatus="LinkUp",
        MACAddress=ILO_MAC,
        NameServers=["192.0.2.53", "192.0.2.54"],
        PermanentMACAddress=ILO_MAC,
        SpeedMbps=1000,
        StaticNameServers=["192.0.2.53", "192.0.2.54", "0.0.0.0"],
        Status=status(),
        VLAN={"VLANEnable": False, "VLANId": None},
    )
    shared = resource(
        members[1],
        kind,
        "Manager Shared Network Interface",
        "Configuration of this Manager Network Interface",
        AutoNeg=True,
        DHCPv4=_dhcp4(True),
        FQDN=fqdn,
        FullDuplex=False,
        HostName=ILO_HOST_NAME,
        IPv4Addresses=[],
        IPv4StaticAddresses=[],
        IPv6Addresses=[],
        InterfaceEnabled=False,
        LinkStatus="LinkDown",
        MACAddress="94:40:C9:A1:0E:5D",
        NameServers=[],
        PermanentMACAddress="94:40:C9:A1:0E:5D",
        SpeedMbps=None,
        StaticNameServers=["0.0.0.0", "0.0.0.0", "0.0.0.0"],
        Status=status(None, "Disabled"),
        VLAN={"VLANEnable": False, "VLANId": None},
    )
    virtual = resource(
        members[2],
        kind,
        "Manager Virtual Network Interface",
        "Virtual NIC between iLO and the host operating system (Redfish host interface)",
        AutoNeg=False,
        DHCPv4=_dhcp4(False),
        FQDN=fqdn,
        FullDuplex=True,
        HostName=ILO_HOST_NAME,
        IPv4Addresses=[
            {
                "Address": "16.1.15.1",
                "AddressOrigin": "Static",
                "Gateway": "0.0.0.0",
                "SubnetMask": "255.255.255.252",
            }
        ],
        IPv4StaticAddresses=[],
        IPv6Addresses=[],
        InterfaceEnabled=True,
        LinkStatus="LinkUp",
        MACAddress="0A:CA:FE:F0:0D:04",
        NameServers=[],
        PermanentMACAddress="0A:CA:FE:F0:0D:04",
        SpeedMbps=None,
        StaticNameServers=[],
        Status=status(),
        VLAN={"VLANEnable": False, "VLANId": None},
    )
    return [
        collection(
            base,
            "EthernetInterface",
            "Manager Network Interfaces",
            members,
            "Network interfaces of iLO",
        ),
        dedicated,
        shared,
        virtual,
    ]


def _network_protocol() -> Resource:
    def service(port: int, enabled: bool = True) -> dict:
        return {"Port": port, "ProtocolEnabled": enabled}

    return resource(
        f"{MANAGER}/NetworkProtocol",
        "#ManagerNetworkProtocol.v1_0_0.ManagerNetworkProtocol",
        "Manager Network Services",
        "Network services of iLO and their ports",
        FQDN=f"{ILO_HOST_NAME}.{ILO_DOMAIN}",
        HTTP=service(80),
        HTTPS=service(443),
        HostName=ILO_HOST_NAME,
        IPMI=service(623, enabled=False),
        KVMIP=service(17990),
        SNMP=service(161),
        SSDP={
            "NotifyIPv6Scope": "Site",
            "NotifyMulticastIntervalSeconds": 600,
            "NotifyTTL": 5,
            "Port": 1900,
            "ProtocolEnabled": True,
        },
        SSH=service(22),
        Status=status(None),
        VirtualMedia=service(17988),
    )


def _date_time() -> Resource:
    zones = [
        {"Index": n, "Name": name, "UtcOffset": offset, "Value": value}
        for n, (name, offset, value) in enumerate(TIME_ZONES)
    ]
    return resource(
        f"{MANAGER}/DateTime",
        "#HpeiLODateTime.v2_0_0.HpeiLODateTime",
        "iLO Date and Time Settings",
        "Clock, time zone and NTP servers of iLO",
        ConfigurationSettings="Current",
        DateTime="2024-03-04T09:00:00Z",
        Links={"EthernetNICs": link(f"{MANAGER}/EthernetInterfaces")},
        NTPServers=["ntp1.example.net", "ntp2.example.net"],
        PropagateTimeToHost=True,
        StaticNTPServers=["ntp1.example.net", "ntp2.example.net"],
        TimeZone=dict(zones[CURRENT_TIME_ZONE]),
        TimeZoneList=zones,
    )


def _event_log() -> list[Resource]:
    services = f"{MANAGER}/LogServices"
    iel = f"{services}/IEL"
    entries = [f"{iel}/Entries/{n}" for n in range(1, len(IEL_EVENTS) + 1)]
    hpe_severity = {"OK": "Informational", "Warning": "Caution", "Critical": "Critical"}
    out = [
        collection(services, "LogService", "Log Service Collection", [iel], "iLO logs"),
        resource(
            iel,
            "#LogService.v1_0_0.LogService",
            "iLO Event Log",
            "Events of iLO itself: logins, configuration changes, firmware updates, power",
            Actions={"#LogService.ClearLog": {"target": f"{iel}/Actions/LogService.ClearLog"}},
            Entries=link(f"{iel}/Entries"),
            MaxNumberOfRecords=4096,
            OverWritePolicy="WrapsWhenFull",
            ServiceEnabled=True,
            Status=status(),
        ),
        collection(f"{iel}/Entries", "LogEntry", "iLO Event Log", entries, "IEL entries"),
    ]
    start = datetime(2024, 1, 9, 8, 1, 40)
    events = zip(entries, IEL_EVENTS, strict=True)
    for n, (uri, (severity, categories, message)) in enumerate(events):
        created = start + timedelta(days=2 * n, hours=(5 * n) % 9, minutes=(17 * n) % 60)
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(
            resource(
                uri,
                "#LogEntry.v1_1_0.LogEntry",
                "iLO Event Log",
                f"iLO Event Log entry {n + 1}",
                Created=stamp,
                EntryType="Oem",
                Message=message,
                Oem={
                    "Hpe": {
                        "Categories": categories,
                        "ClassDescription": "iLO 5",
                        "Count": 1,
                        "EventNumber": 5200 + n,
                        "Severity": hpe_severity[severity],
                        "Updated": stamp,
                    }
                },
                OemRecordFormat="Hpe-iLOEventLog",
                Severity=severity,
            )
        )
    return out
