"""The computer system ``/redfish/v1/Systems/1``: a two-socket ProLiant DL380 Gen10 Plus.

Everything the host side of the demo server shows lives here except the BIOS (``bios.py``):
boot settings and boot options, NICs, 32 DIMM slots (16 populated), two processors, a Smart Array
controller with four drives and two volumes, and the Integrated Management Log.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from iloshell.sim.builtin.common import Resource, collection, link, links, resource, status

SYSTEMS = "/redfish/v1/Systems"
SYSTEM = "/redfish/v1/Systems/1"
RESET_ACTION_INFO = f"{SYSTEM}/ResetActionInfo"
BIOS_LINK = "/redfish/v1/systems/1/bios"
"""How Systems/1 links its BIOS: lower case, without the canonical URI's slash (as iLO 5 2.46)."""

MODEL = "ProLiant DL380 Gen10 Plus"
SERIAL_NUMBER = "MXQ00DEMO1"
SKU = "P05172-B21"
BIOS_VERSION = "U46 v2.10 (11/14/2023)"
HOST_NAME = "demo-host01"
RESET_TYPES = [
    "On",
    "ForceOff",
    "GracefulShutdown",
    "ForceRestart",
    "Nmi",
    "PushPowerButton",
    "GracefulRestart",
]
BOOT_TARGETS = ["None", "Pxe", "Hdd", "Cd", "Usb", "UefiShell", "UefiTarget", "UefiHttp"]

CPU_MODEL = "Intel(R) Xeon(R) Gold 6330 CPU @ 2.00GHz"
DIMM_SLOTS_PER_CPU = 16
POPULATED_SLOTS = (1, 3, 5, 7, 10, 12, 14, 16)
"""HPE's population order for eight DIMMs per Ice Lake processor: one per channel."""
DIMM_MIB = 32768
STORAGE = f"{SYSTEM}/Storage/DE00A000"
CONTROLLER_MODEL = "HPE Smart Array P408i-a SR Gen10"

# (BootOptionReference, alias, display name, UEFI device path)
BOOT_OPTIONS = [
    (
        "Boot0002",
        "Hdd",
        "Embedded RAID 1 : HPE Smart Array P408i-a SR Gen10 - 893 GiB, RAID1 Logical Drive 1"
        "(Target:0, Lun:0)",
        "PciRoot(0x0)/Pci(0x1C,0x0)/Pci(0x0,0x0)/Scsi(0x0,0x0)",
    ),
    (
        "Boot0003",
        "Pxe",
        "OCP Slot 14 Port 1 : Broadcom NetXtreme E-Series 10/25Gb 2-port SFP28 OCP3 Adapter - NIC "
        "(PXE IPv4)",
        "PciRoot(0x2)/Pci(0x2,0x0)/Pci(0x0,0x0)/MAC(B47AF1D0A1C4,0x1)/IPv4(0.0.0.0)",
    ),
    (
        "Boot0004",
        "UefiHttp",
        "OCP Slot 14 Port 1 : Broadcom NetXtreme E-Series 10/25Gb 2-port SFP28 OCP3 Adapter - NIC "
        "(HTTP(S) IPv4)",
        "PciRoot(0x2)/Pci(0x2,0x0)/Pci(0x0,0x0)/MAC(B47AF1D0A1C4,0x1)/IPv4(0.0.0.0)/Uri()",
    ),
    (
        "Boot0001",
        "Usb",
        "Generic USB Boot",
        "UsbClass(0xFFFF,0xFFFF,0xFF,0xFF,0xFF)",
    ),
    (
        "Boot0005",
        "UefiShell",
        "Embedded UEFI Shell",
        "Fv(CDBB7B35-6833-4ED6-9AB2-57D2ACDDF6F0)/FvFile(C57AD6B7-0515-40A8-9D21-551652854E37)",
    ),
]

# (Id, MAC, speed in Mbit/s or None when the link is down, IPv4 address or None, name)
HOST_NICS = [
    ("1", "B4:7A:F1:D0:A1:C4", 25000, "198.51.100.21", "OCP Slot 14 Port 1"),
    ("2", "B4:7A:F1:D0:A1:C5", 25000, None, "OCP Slot 14 Port 2"),
    ("3", "94:40:C9:5E:2B:10", 10000, "198.51.100.149", "PCIe Slot 1 Port 1"),
    ("4", "94:40:C9:5E:2B:11", None, None, "PCIe Slot 1 Port 2"),
]

# Integrated Management Log: (severity, class description, message, repaired)
IML_EVENTS = [
    ("OK", "Maintenance", "IML Cleared (iLO 5 user: admin)", False),
    ("OK", "POST Message", "Firmware flashed (System ROM U46 v2.10 (11/14/2023))", False),
    ("OK", "Maintenance", "Maintenance note: Rack 12 cabling rework, all ports re-seated", False),
    ("OK", "Network", "Network Adapter Link Up (OCP Slot 14, Port 1)", False),
    ("OK", "Network", "Network Adapter Link Up (PCIe Slot 1, Port 1)", False),
    ("Warning", "Network", "Network Adapter Link Down (PCIe Slot 1, Port 2)", False),
    ("OK", "Host Bus Adapter", "Smart Array P408i-a SR Gen10 in Slot 0: logical drive 2 OK", False),
    ("Warning", "Power", "System Power Supply: Input Power Loss (Power Supply 2)", True),
    ("OK", "Power", "System Power Supplies Redundancy Restored", False),
    ("OK", "POST Message", "POST Error: 1792-Slot X Drive Array - Valid Data Found in Cache", True),
    (
        "Warning",
        "Main Memory",
        "Corrected Memory Error threshold exceeded (Processor 2, DIMM 5)",
        True,
    ),
    ("OK", "Maintenance", "Maintenance note: DIMM PROC 2 DIMM 5 re-seated, errors cleared", False),
    ("OK", "POST Message", "Intelligent Provisioning 3.62 started", False),
    ("OK", "Operating System", "Operating System boot completed (VMware ESXi 8.0.2)", False),
    ("OK", "Smart Storage Battery", "Smart Storage Energy Pack 1 Charging Completed", False),
    ("Warning", "System Revision", "Firmware update available: iLO 5 3.01", True),
    ("OK", "POST Message", "Firmware flashed (iLO 5 3.01)", False),
    (
        "OK",
        "Operating System",
        "Operating System shutdown requested by iLO (GracefulShutdown)",
        False,
    ),
    ("OK", "POST Message", "Server power restored after Reset (ForceRestart)", False),
    ("Critical", "Environment", "Temperature Status: Caution (Sensor 12, PCI 1 Zone)", True),
    ("OK", "Environment", "Temperature Status: Normal (Sensor 12, PCI 1 Zone)", False),
    ("OK", "UEFI", "UEFI Secure Boot database updated", False),
    ("OK", "Operating System", "Operating System boot completed (VMware ESXi 8.0.2)", False),
    ("OK", "Maintenance", "Maintenance note: quarterly health check passed", False),
]


def build() -> list[Resource]:
    """Every resource below ``/redfish/v1/Systems`` except the BIOS ones."""
    return [
        collection(
            SYSTEMS, "ComputerSystem", "Computer Systems", [SYSTEM], "Computer Systems view"
        ),
        _system(),
        _reset_action_info(),
        _secure_boot(),
        *_boot_options(),
        *_host_nics(),
        *_memory(),
        *_processors(),
        *_storage(),
        *_iml(),
    ]


def _system() -> Resource:
    boot_paths = [option[3] for option in BOOT_OPTIONS if option[1] in ("Hdd", "Pxe", "Usb")]
    return resource(
        SYSTEM,
        "#ComputerSystem.v1_10_0.ComputerSystem",
        "Computer System",
        "The server's host side: processors, memory, storage, NICs, BIOS and boot settings",
        Actions={
            "#ComputerSystem.Reset": {
                "target": f"{SYSTEM}/Actions/ComputerSystem.Reset",
                "ResetType@Redfish.AllowableValues": list(RESET_TYPES),
                "@Redfish.ActionInfo": RESET_ACTION_INFO,
            }
        },
        AssetTag="DEMO-RACK12-U20",
        Bios=link(BIOS_LINK),
        BiosVersion=BIOS_VERSION,
        Boot={
            "BootOptions": link(f"{SYSTEM}/BootOptions"),
            "BootOrder": [option[0] for option in BOOT_OPTIONS],
            "BootSourceOverrideEnabled": "Disabled",
            "BootSourceOverrideMode": "UEFI",
            "BootSourceOverrideTarget": "None",
            "BootSourceOverrideTarget@Redfish.AllowableValues": list(BOOT_TARGETS),
            "UefiTargetBootSourceOverride": "None",
            "UefiTargetBootSourceOverride@Redfish.AllowableValues": ["None", *boot_paths],
        },
        EthernetInterfaces=link(f"{SYSTEM}/EthernetInterfaces"),
        HostName=HOST_NAME,
        IndicatorLED="Off",
        Links={
            "ManagedBy": links(["/redfish/v1/Managers/1"]),
            "Chassis": links(["/redfish/v1/Chassis/1"]),
        },
        LogServices=link(f"{SYSTEM}/LogServices"),
        Manufacturer="HPE",
        Memory=link(f"{SYSTEM}/Memory"),
        MemorySummary={
            "Status": {"HealthRollup": "OK"},
            "TotalSystemMemoryGiB": 2 * len(POPULATED_SLOTS) * DIMM_MIB // 1024,
            "TotalSystemPersistentMemoryGiB": 0,
        },
        Model=MODEL,
        Oem={
            "Hpe": {
                "@odata.context": "/redfish/v1/$metadata#HpeComputerSystemExt.HpeComputerSystemExt",
                "@odata.type": "#HpeComputerSystemExt.v2_9_0.HpeComputerSystemExt",
                "Bios": {
                    "Backup": {
                        "Date": "06/21/2023",
                        "Family": "U46",
                        "VersionString": "U46 v1.90 (06/21/2023)",
                    },
                    "Current": {
                        "Date": "11/14/2023",
                        "Family": "U46",
                        "VersionString": BIOS_VERSION,
                    },
                    "UefiClass": 2,
                },
                "IntelligentProvisioningVersion": "3.62.22",
                "Links": {
                    "EthernetInterfaces": link(f"{SYSTEM}/EthernetInterfaces"),
                    "Storage": link(f"{SYSTEM}/Storage"),
                },
                "PostState": "FinishedPost",
                "PowerAutoOn": "Restore",
                "PowerOnDelay": "Minimum",
                "PowerOnMinutes": 412377,
                "PowerRegulatorMode": "Dynamic",
                "PowerRegulatorModesSupported": ["OSControl", "Dynamic", "Max", "Min"],
            }
        },
        PowerState="On",
        ProcessorSummary={
            "Count": 2,
            "LogicalProcessorCount": 112,
            "Model": CPU_MODEL,
            "Status": {"HealthRollup": "OK"},
        },
        Processors=link(f"{SYSTEM}/Processors"),
        SKU=SKU,
        SecureBoot=link(f"{SYSTEM}/SecureBoot"),
        SerialNumber=SERIAL_NUMBER,
        Status=status(rollup="OK"),
        Storage=link(f"{SYSTEM}/Storage"),
        SystemType="Physical",
        TrustedModules=[
            {"FirmwareVersion": "7.85", "InterfaceType": "TPM2_0", "Status": status()},
        ],
        UUID="30383450-3137-4D58-5130-30444D454F31",
    )


def _reset_action_info() -> Resource:
    return resource(
        RESET_ACTION_INFO,
        "#ActionInfo.v1_1_2.ActionInfo",
        "Reset Action Info",
        "Parameters of the ComputerSystem.Reset action",
        Parameters=[
            {
                "AllowableValues": list(RESET_TYPES),
                "DataType": "String",
                "Name": "ResetType",
                "Required": True,
            }
        ],
    )


def _secure_boot() -> Resource:
    return resource(
        f"{SYSTEM}/SecureBoot",
        "#SecureBoot.v1_0_0.SecureBoot",
        "UEFI Secure Boot",
        "UEFI Secure Boot state of the system",
        Actions={
            "#SecureBoot.ResetKeys": {
                "target": f"{SYSTEM}/SecureBoot/Actions/SecureBoot.ResetKeys",
                "ResetKeysType@Redfish.AllowableValues": [
                    "ResetAllKeysToDefault",
                    "DeleteAllKeys",
                    "DeletePK",
                ],
            }
        },
        SecureBootCurrentBoot="Enabled",
        SecureBootEnable=True,
        SecureBootMode="UserMode",
    )


def _boot_options() -> list[Resource]:
    base = f"{SYSTEM}/BootOptions"
    members = [f"{base}/{n}" for n in range(1, len(BOOT_OPTIONS) + 1)]
    out = [collection(base, "BootOption", "Boot Options", members, "Boot Options Collection")]
    for uri, (reference, alias, display, path) in zip(members, BOOT_OPTIONS, strict=True):
        out.append(
            resource(
                uri,
                "#BootOption.v1_0_1.BootOption",
                "Boot Option",
                "UEFI Boot Option",
                Alias=alias,
                BootOptionReference=reference,
                DisplayName=display,
                UefiDevicePath=path,
            )
        )
    return out


def _host_nics() -> list[Resource]:
    base = f"{SYSTEM}/EthernetInterfaces"
    members = [f"{base}/{nic[0]}" for nic in HOST_NICS]
    out = [
        collection(
            base,
            "EthernetInterface",
            "System Ethernet Interfaces",
            members,
            "Ethernet interfaces of the host, as reported by the Agentless Management Service",
        )
    ]
    for uri, (_, mac, speed, address, name) in zip(members, HOST_NICS, strict=True):
        ipv4 = []
        if address:
            ipv4 = [
                {
                    "Address": address,
                    "AddressOrigin": "DHCP",
                    "Gateway": "198.51.100.1",
                    "SubnetMask": "255.255.255.0",
                }
            ]
        out.append(
            resource(
                uri,
                "#EthernetInterface.v1_4_1.EthernetInterface",
                name,
                "System NIC port",
                FullDuplex=speed is not None,
                IPv4Addresses=ipv4,
                LinkStatus="LinkUp" if speed else "LinkDown",
                MACAddress=mac,
                PermanentMACAddress=mac,
                SpeedMbps=speed,
                Status=status(state="Enabled") if speed else status(None, "Disabled"),
            )
        )
    return out


def _memory() -> list[Resource]:
    base = f"{SYSTEM}/Memory"
    slots = [(cpu, slot) for cpu in (1, 2) for slot in range(1, DIMM_SLOTS_PER_CPU + 1)]
    members = [f"{base}/proc{cpu}dimm{slot}" for cpu, slot in slots]
    out = [collection(base, "Memory", "Memory Collection", members, "Memory DIMM Collection")]
    for index, (uri, (cpu, slot)) in enumerate(zip(members, slots, strict=True)):
        locator = f"PROC {cpu} DIMM {slot}"
        location = {
            "Channel": (slot - 1) // 2 + 1,
            "MemoryController": (slot - 1) // 4 + 1,
            "Slot": slot,
            "Socket": cpu,
        }
        if slot not in POPULATED_SLOTS:
            out.append(
                resource(
                    uri,
                    "#Memory.v1_7_1.Memory",
                    locator,
                    "Empty DIMM slot",
                    DeviceLocator=locator,
                    MemoryLocation=location,
                    Status=status(None, "Absent"),
                )
            )
            continue
        out.append(
            resource(
                uri,
                "#Memory.v1_7_1.Memory",
                locator,
                "Memory DIMM",
                AllowedSpeedsMHz=[3200],
                BaseModuleType="RDIMM",
                BusWidthBits=72,
                CapacityMiB=DIMM_MIB,
                DataWidthBits=64,
                DeviceLocator=locator,
                ErrorCorrection="MultiBitECC",
                Manufacturer="Samsung",
                MemoryDeviceType="DDR4",
                MemoryLocation=location,
                MemoryMedia=["DRAM"],
                MemoryType="DRAM",
                OperatingSpeedMhz=2933,
                PartNumber="M393A4K40EB3-CWE",
                RankCount=2,
                SerialNumber=f"S0DEM{index:05d}",
                Status=status(),
            )
        )
    return out


def _processors() -> list[Resource]:
    base = f"{SYSTEM}/Processors"
    members = [f"{base}/1", f"{base}/2"]
    out = [collection(base, "Processor", "Processors Collection", members, "Processors view")]
    for socket, uri in enumerate(members, start=1):
        out.append(
            resource(
                uri,
                "#Processor.v1_7_0.Processor",
                "Processors",
                "Processor socket",
                InstructionSet="x86-64",
                Manufacturer="Intel(R) Corporation",
                MaxSpeedMHz=3100,
                Model=CPU_MODEL,
                ProcessorArchitecture="x86",
                ProcessorId={
                    "EffectiveFamily": "0x6",
                    "EffectiveModel": "0x6A",
                    "IdentificationRegisters": "0x06a60006bfebfbff",
                    "MicrocodeInfo": "0xD000389",
                    "Step": "0x6",
                    "VendorId": "Intel(R) Corporation",
                },
                ProcessorType="CPU",
                Socket=f"Proc {socket}",
                Status=status(),
                TotalCores=28,
                TotalThreads=56,
            )
        )
    return out


def _storage() -> list[Resource]:
    drives = [f"{STORAGE}/Drives/{n}" for n in range(4)]
    volumes = [f"{STORAGE}/Volumes/1", f"{STORAGE}/Volumes/2"]
    # Each RAID1 volume mirrors one pair of drives.
    pairs = {volumes[0]: drives[:2], volumes[1]: drives[2:]}
    out = [
        collection(
            f"{SYSTEM}/Storage",
            "Storage",
            "Storage Collection",
            [STORAGE],
            "Storage subsystems of the host",
        ),
        resource(
            STORAGE,
            "#Storage.v1_7_1.Storage",
            CONTROLLER_MODEL,
            "HPE Smart Storage controller",
            Drives=links(drives),
            Links={"Enclosures": links(["/redfish/v1/Chassis/1"])},
            Status=status(rollup="OK"),
            StorageControllers=[
                {
                    "@odata.id": f"{STORAGE}#/StorageControllers/0",
                    "FirmwareVersion": "5.32",
                    "Manufacturer": "HPE",
                    "MemberId": "0",
                    "Model": CONTROLLER_MODEL,
                    "Name": CONTROLLER_MODEL,
                    "SerialNumber": "PEYHB0DEMO2381",
                    "SpeedGbps": 12,
                    "Status": status(),
                    "SupportedControllerProtocols": ["PCIe"],
                    "SupportedDeviceProtocols": ["SAS", "SATA"],
                    "SupportedRAIDTypes": ["RAID0", "RAID1", "RAID10", "RAID5", "RAID50", "RAID6"],
                }
            ],
            Volumes=link(f"{STORAGE}/Volumes"),
        ),
    ]
    for n, uri in enumerate(drives):
        volume = volumes[0] if n < 2 else volumes[1]
        out.append(
            resource(
                uri,
                "#Drive.v1_7_0.Drive",
                f"Drive Port 1I Box 1 Bay {n + 1}",
                "Physical drive",
                BlockSizeBytes=512,
                CapableSpeedGbs=12,
                CapacityBytes=960197124096,
                Links={"Volumes": links([volume])},
                Manufacturer="HPE",
                MediaType="SSD",
                Model="VO000960JWZJF",
                NegotiatedSpeedGbs=12,
                PredictedMediaLifeLeftPercent=[98, 98, 100, 100][n],
                Protocol="SAS",
                Revision="HPD3",
                SerialNumber=f"S5F3NE0R70{n:04d}",
                Status=status(),
            )
        )
    out.append(collection(f"{STORAGE}/Volumes", "Volume", "Volumes", volumes, "Logical drives"))
    for n, uri in enumerate(volumes, start=1):
        out.append(
            resource(
                uri,
                "#Volume.v1_4_0.Volume",
                f"Logical Drive {n}",
                "RAID logical drive",
                CapacityBytes=959914704896,
                DisplayName=["OS", "Datastore"][n - 1],
                Encrypted=False,
                Identifiers=[
                    {
                        "DurableName": f"600508B1001CDE{n:02d}D5A8F0C13E0A47C9E",
                        "DurableNameFormat": "NAA",
                    }
                ],
                Links={"Drives": links(pairs[uri])},
                RAIDType="RAID1",
                Status=status(),
            )
        )
    return out


def _iml() -> list[Resource]:
    services = f"{SYSTEM}/LogServices"
    iml = f"{services}/IML"
    entries = [f"{iml}/Entries/{n}" for n in range(1, len(IML_EVENTS) + 1)]
    out = [
        collection(services, "LogService", "System Logs", [iml], "System Logs view"),
        resource(
            iml,
            "#LogService.v1_0_0.LogService",
            "Integrated Management Log",
            "Hardware and firmware events of the server, kept by iLO across power cycles",
            Actions={"#LogService.ClearLog": {"target": f"{iml}/Actions/LogService.ClearLog"}},
            Entries=link(f"{iml}/Entries"),
            MaxNumberOfRecords=1024,
            OverWritePolicy="WrapsWhenFull",
            ServiceEnabled=True,
            Status=status(),
        ),
        collection(
            f"{iml}/Entries", "LogEntry", "Integrated Management Log", entries, "IML entries"
        ),
    ]
    start = datetime(2024, 1, 8, 9, 14, 2)
    for n, (uri, (severity, cls, message, repaired)) in enumerate(
        zip(entries, IML_EVENTS, strict=True)
    ):
        created = start + timedelta(days=3 * n, hours=(7 * n) % 11, minutes=(13 * n) % 60)
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        hpe_severity = {"OK": "Informational", "Warning": "Caution", "Critical": "Critical"}
        out.append(
            resource(
                uri,
                "#LogEntry.v1_1_0.LogEntry",
                "Integrated Management Log",
                f"IML entry {n + 1}",
                Created=stamp,
                EntryType="Oem",
                Message=message,
                Oem={
                    "Hpe": {
                        "ClassDescription": cls,
                        "Count": 1,
                        "EventNumber": 1000 + n,
                        "Repaired": repaired,
                        "Severity": "Repaired" if repaired else hpe_severity[severity],
                        "Updated": stamp,
                    }
                },
                OemRecordFormat="Hpe-IML",
                Severity=severity,
            )
        )
    return out
