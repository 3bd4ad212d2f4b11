"""The BIOS of Systems/1, its pending-settings object and its attribute registry.

iLO 5 keeps BIOS settings in two resources: ``/redfish/v1/systems/1/bios/`` shows the values in
effect, ``.../bios/settings/`` the values that will be applied at the next reboot (clients PATCH
the latter). Which attributes exist, their types, bounds and help texts come from the attribute
registry ``BiosAttributeRegistryU46.v1_2_10``, served lower-case like iLO does. The registry is
written here attribute by attribute with small constructors; every attribute's current value is
part of its definition, so the registry and the ``Attributes`` objects cannot disagree.
"""

from __future__ import annotations

import copy

from iloshell.sim.builtin.common import Resource, link, resource
from iloshell.sim.builtin.systems import BIOS_VERSION, MODEL, SERIAL_NUMBER, SKU
from iloshell.sim.etag import etag_of

BIOS = "/redfish/v1/systems/1/bios/"
BIOS_SETTINGS = "/redfish/v1/systems/1/bios/settings/"
BIOS_REGISTRY = "BiosAttributeRegistryU46.v1_2_10"
BIOS_REGISTRY_URI = "/redfish/v1/registrystore/registries/en/biosattributeregistryu46.v1_2_10"

PRINTABLE = r"^[\ -\~]*$"
IPV4 = r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$"
EMAIL = r"^$|^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"
PHONE = r"^[0-9+() .-]*$"

ON_OFF = [("Enabled", "Enabled"), ("Disabled", "Disabled")]

MENUS = [
    ("BiosMainMenu", "BIOS/Platform Configuration (RBSU)", "./"),
    ("SystemOptions", "System Options", "./SystemOptions"),
    ("ServerAssetText", "Server Asset Text", "./SystemOptions/ServerAssetText"),
    ("SerialPortOptions", "Serial Port Options", "./SystemOptions/SerialPortOptions"),
    ("UsbOptions", "USB Options", "./SystemOptions/UsbOptions"),
    ("ProcessorOptions", "Processor Options", "./ProcessorOptions"),
    ("MemoryOptions", "Memory Options", "./MemoryOptions"),
    ("VirtualizationOptions", "Virtualization Options", "./VirtualizationOptions"),
    ("BootOptions", "Boot Options", "./BootOptions"),
    ("NetworkOptions", "Network Options", "./NetworkOptions"),
    ("PreBootNetwork", "Pre-Boot Network Settings", "./NetworkOptions/PreBootNetwork"),
    ("VlanConfiguration", "VLAN Configuration", "./NetworkOptions/VlanConfiguration"),
    ("PowerAndPerformanceOptions", "Power and Performance Options", "./PowerAndPerformanceOptions"),
    ("ServerSecurity", "Server Security", "./ServerSecurity"),
    ("TpmOptions", "Trusted Platform Module Options", "./ServerSecurity/TpmOptions"),
    ("DateAndTime", "Date and Time", "./DateAndTime"),
]


def _attribute(name: str, display: str, kind: str, menu: str, help_text: str, **fields) -> dict:
    current = fields.pop("current")
    return {
        "AttributeName": name,
        "DisplayName": display,
        "HelpText": help_text,
        "ReadOnly": fields.pop("read_only", False),
        "GrayOut": False,
        "ResetRequired": True,
        "Type": kind,
        "MenuPath": "./" + menu if menu else "./",
        "DefaultValue": fields.pop("default", current),
        "CurrentValue": current,
        **fields,
    }


def enum(name, display, menu, help_text, values, current, **fields) -> dict:
    """An Enumeration attribute; ``values`` are (ValueName, ValueDisplayName) pairs."""
    value = [{"ValueName": v, "ValueDisplayName": d} for v, d in values]
    return _attribute(
        name, display, "Enumeration", menu, help_text, current=current, Value=value, **fields
    )


def integer(name, display, menu, help_text, bounds, current, **fields) -> dict:
    """An Integer attribute; ``bounds`` is (LowerBound, UpperBound, ScalarIncrement)."""
    low, high, step = bounds
    bounds = {"LowerBound": low, "UpperBound": high, "ScalarIncrement": step}
    return _attribute(
        name, display, "Integer", menu, help_text, current=current, **bounds, **fields
    )


def string(name, display, menu, help_text, max_length, current, expression=PRINTABLE, **fields):
    """A String attribute limited to ``max_length`` characters matching ``expression``."""
    limits = {"MinLength": 0, "MaxLength": max_length, "ValueExpression": expression}
    return _attribute(name, display, "String", menu, help_text, current=current, **limits, **fields)


def boolean(name, display, menu, help_text, current, **fields) -> dict:
    """A Boolean attribute."""
    return _attribute(name, display, "Boolean", menu, help_text, current=current, **fields)


def password(name, display, menu, help_text) -> dict:
    """A Password attribute: write-only in effect, its value always reads as null."""
    limits = {"MinLength": 0, "MaxLength": 31, "ValueExpression": PRINTABLE}
    return _attribute(
        name, display, "Password", menu, help_text, current=None, default="", **limits
    )


# One attribute per call, in System Utilities menu order; kept compact on purpose.
# fmt: off
ATTRIBUTES = [
    enum(
        "WorkloadProfile", "Workload Profile", "",
        "Applies a set of tuned power and performance settings for a kind of workload. Options "
        "that a profile sets are grayed out unless the profile is Custom; choose Custom to set "
        "them one by one.",
        [
            ("GeneralPowerEfficientCompute", "General Power Efficient Compute"),
            ("GeneralPeakFrequencyCompute", "General Peak Frequency Compute"),
            ("GeneralThroughputCompute", "General Throughput Compute"),
            ("Virtualization-PowerEfficient", "Virtualization - Power Efficient"),
            ("Virtualization-MaxPerformance", "Virtualization - Max Performance"),
            ("LowLatency", "Low Latency"),
            ("MissionCritical", "Mission Critical"),
            ("TransactionalApplicationProcessing", "Transactional Application Processing"),
            ("HighPerformanceCompute(HPC)", "High Performance Compute (HPC)"),
            ("DecisionSupport", "Decision Support"),
            ("GraphicProcessing", "Graphic Processing"),
            ("I/OThroughput", "I/O Throughput"),
            ("Custom", "Custom"),
        ],
        "GeneralPowerEfficientCompute",
    ),
    # System options
    string(
        "ServerName", "Server Name", "SystemOptions/ServerAssetText",
        "A name for this server, shown on the POST screen and reported to iLO. Up to 28 printable "
        "characters.",
        28, "demo-host01", default="",
    ),
    string(
        "ServerAssetTag", "Server Asset Tag", "SystemOptions/ServerAssetText",
        "Your inventory tag for this server. The same value appears as AssetTag of the computer "
        "system. Up to 31 printable characters.",
        31, "DEMO-RACK12-U20", default="",
    ),
    string(
        "ServerOtherInfo", "Server Other Information", "SystemOptions/ServerAssetText",
        "Free text about this server, for example its location or purpose.",
        63, "Demo lab, row C, rack 12, U20", default="",
    ),
    string(
        "AdminName", "Administrator Name", "SystemOptions/ServerAssetText",
        "The name of the person responsible for this server.",
        28, "Demo Operations", default="",
    ),
    string(
        "AdminPhone", "Administrator Phone Number", "SystemOptions/ServerAssetText",
        "A phone number for the server administrator: digits, spaces and + ( ) . - only.",
        28, "+1 555 0100", PHONE, default="",
    ),
    string(
        "AdminEmail", "Administrator E-mail Address", "SystemOptions/ServerAssetText",
        "An e-mail address for the server administrator, such as ops@example.com, or empty.",
        64, "ops@example.com", EMAIL, default="",
    ),
    string(
        "CustomPostMessage", "Custom POST Message", "SystemOptions/ServerAssetText",
        "A line of text shown on the POST screen while the server starts.",
        62, "", default="",
    ),
    string(
        "SerialNumber", "Serial Number", "SystemOptions",
        "The serial number of the server. Set at the factory; read-only here.",
        10, SERIAL_NUMBER, read_only=True,
    ),
    string(
        "ProductId", "Product ID", "SystemOptions",
        "The product ID (SKU) of the server. Set at the factory; read-only here.",
        10, SKU, read_only=True,
    ),
    enum(
        "SerialConsolePort", "BIOS Serial Console Port", "SystemOptions/SerialPortOptions",
        "Where the BIOS serial console is sent: the physical serial port, the iLO virtual serial "
        "port (reachable over SSH with VSP), or chosen automatically.",
        [("Auto", "Auto"), ("Disabled", "Disabled"), ("Physical", "Physical Serial Port"),
         ("Virtual", "Virtual Serial Port")],
        "Auto",
    ),
    enum(
        "SerialConsoleBaudRate", "BIOS Serial Console Baud Rate", "SystemOptions/SerialPortOptions",
        "The transfer rate of the serial console. Set the terminal emulator to the same rate.",
        [(f"BaudRate{r}", str(r)) for r in (9600, 19200, 38400, 57600, 115200)],
        "BaudRate115200",
    ),
    enum(
        "SerialConsoleEmulation", "BIOS Serial Console Emulation Mode",
        "SystemOptions/SerialPortOptions",
        "The terminal emulation used on the serial console. VT100+ suits most terminal programs; "
        "choose VT-UTF8 for non-ASCII text.",
        [("Vt100", "VT100"), ("Ansi", "ANSI"), ("Vt100Plus", "VT100+"), ("VtUtf8", "VT-UTF8")],
        "Vt100Plus",
    ),
    enum(
        "UsbControl", "USB Control", "SystemOptions/UsbOptions",
        "Which USB ports work. Disabling external ports keeps keyboards and drives from being "
        "plugged in at the front and rear while internal devices keep working.",
        [("UsbEnabled", "USB Enabled"), ("UsbDisabled", "USB Disabled"),
         ("ExternalUsbDisabled", "External USB Ports Disabled"),
         ("InternalUsbDisabled", "Internal USB Ports Disabled")],
        "UsbEnabled",
    ),
    boolean(
        "PostBootProgress", "POST Boot Progress", "SystemOptions",
        "Show the progress of the power-on self test on the console. Turn it off for a quieter "
        "screen; errors are still shown.",
        True,
    ),
    enum(
        "PostF1Prompt", "POST F1 Prompt", "SystemOptions",
        "How long the server waits for F1 when POST finds an error before it continues booting.",
        [("Delayed20Sec", "Delayed 20 seconds"), ("Delayed2Sec", "Delayed 2 seconds"),
         ("Disabled", "Disabled")],
        "Delayed20Sec",
    ),
    # Processor options
    enum(
        "ProcHyperthreading", "Intel(R) Hyper-Threading", "ProcessorOptions",
        "Runs two threads on each physical core. Most workloads gain throughput; some "
        "latency-sensitive or per-core licensed software runs better without it.",
        ON_OFF, "Enabled",
    ),
    enum(
        "ProcTurbo", "Intel(R) Turbo Boost Technology", "ProcessorOptions",
        "Lets cores run above their rated frequency while power and thermal headroom allow.",
        ON_OFF, "Enabled",
    ),
    integer(
        "ProcCoreDisable", "Processor Core Disable", "ProcessorOptions",
        "The number of cores to turn off on each processor, for example to meet a per-core "
        "software licence. 0 keeps every core enabled.",
        (0, 27, 1), 0,
    ),
    # Memory options
    enum(
        "AdvancedMemProtection", "Advanced Memory Protection", "MemoryOptions",
        "How memory errors are handled. Advanced ECC corrects multi-bit errors within a DRAM "
        "device; mirroring and online spare trade capacity for resilience.",
        [("AdvancedEcc", "Advanced ECC Support"),
         ("OnlineSpareAdvancedEcc", "Online Spare with Advanced ECC Support"),
         ("MirroredAdvancedEcc", "Mirrored Memory with Advanced ECC Support"),
         ("FastFaultTolerantADDDC", "Fast Fault Tolerant Memory (ADDDC)")],
        "AdvancedEcc",
    ),
    enum(
        "MemPatrolScrubbing", "Memory Patrol Scrubbing", "MemoryOptions",
        "Reads all memory in the background and corrects soft errors before they accumulate.",
        ON_OFF, "Enabled",
    ),
    integer(
        "PatrolScrubDuration", "Patrol Scrub Duration", "MemoryOptions",
        "How many hours one full pass of the patrol scrubber over all memory takes (1 to 24).",
        (1, 24, 1), 24,
    ),
    enum(
        "MemRefreshRate", "Memory Refresh Rate", "MemoryOptions",
        "How often DRAM is refreshed. Double refresh helps in hot environments at a small cost in "
        "performance.",
        [("Refreshx1", "1x Refresh"), ("Refreshx2", "2x Refresh")],
        "Refreshx1",
    ),
    enum(
        "NodeInterleaving", "Node Interleaving", "MemoryOptions",
        "Spreads memory across both processors instead of presenting each as a NUMA node. Leave "
        "it disabled for NUMA-aware operating systems.",
        ON_OFF, "Disabled",
    ),
    enum(
        "MemFastTraining", "Memory Fast Training", "MemoryOptions",
        "Reuses the memory training results of the previous boot when the DIMMs did not change, "
        "which shortens POST.",
        ON_OFF, "Enabled",
    ),
    enum(
        "ExtendedMemTest", "Extended Memory Test", "MemoryOptions",
        "Tests all memory thoroughly during POST. POST takes much longer; enable it when "
        "diagnosing a memory problem.",
        ON_OFF, "Disabled",
    ),
    # Virtualization options
    enum(
        "ProcVirtualization", "Intel(R) Virtualization Technology", "VirtualizationOptions",
        "Hardware support for virtual machines (VT-x). A hypervisor needs it.",
        ON_OFF, "Enabled",
    ),
    enum(
        "IntelProcVtd", "Intel(R) VT-d", "VirtualizationOptions",
        "Lets a hypervisor assign PCIe devices directly to virtual machines through the "
        "input/output memory management unit.",
        ON_OFF, "Enabled",
    ),
    enum(
        "Sriov", "SR-IOV", "VirtualizationOptions",
        "Lets capable adapters present virtual functions that virtual machines use directly. The "
        "adapter and its driver must support SR-IOV too.",
        ON_OFF, "Enabled",
    ),
    # Boot options
    enum(
        "BootMode", "Boot Mode", "BootOptions",
        "UEFI Mode boots UEFI operating systems and supports Secure Boot and HTTP boot. Legacy "
        "BIOS Mode is for old operating systems and option ROMs only. Changing it makes the "
        "installed operating system unbootable unless it supports the new mode.",
        [("Uefi", "UEFI Mode"), ("LegacyBios", "Legacy BIOS Mode")],
        "Uefi",
    ),
    enum(
        "BootOrderPolicy", "Boot Order Policy", "BootOptions",
        "What the server does when no boot option in the boot order succeeds.",
        [("RetryIndefinitely", "Retry Boot Order Indefinitely"),
         ("AttemptOnce", "Attempt Boot Order Once"),
         ("ResetAfterFailed", "Reset after Failed Boot Attempt")],
        "RetryIndefinitely",
    ),
    enum(
        "EmbeddedUefiShell", "Embedded UEFI Shell", "BootOptions",
        "Makes the built-in UEFI Shell available as a boot option and from the System Utilities.",
        ON_OFF, "Enabled",
    ),
    enum(
        "UefiShellStartup", "UEFI Shell Script Auto-Start", "BootOptions",
        "Runs startup.nsh automatically when the UEFI Shell starts.",
        ON_OFF, "Disabled",
    ),
    enum(
        "EmbeddedSata", "Embedded SATA Configuration", "BootOptions",
        "The mode of the embedded SATA controller. AHCI suits most operating systems; software "
        "RAID needs the RAID mode and its driver.",
        [("SataAhci", "SATA AHCI Support"), ("SataRaid", "Smart Array SW RAID Support")],
        "SataAhci",
    ),
    password(
        "AdminPassword", "Administrator Password", "ServerSecurity",
        "Protects the System Utilities with a password. Enter the current password to change it; "
        "an empty new password removes it. The value always reads as null.",
    ),
    password(
        "PowerOnPassword", "Power On Password", "ServerSecurity",
        "Asks for a password before the server boots. The value always reads as null.",
    ),
    enum(
        "SecureBootStatus", "Secure Boot Status", "ServerSecurity",
        "Whether UEFI Secure Boot is in force. Change it through the SecureBoot resource, not "
        "here.",
        ON_OFF, "Enabled", read_only=True,
    ),
    enum(
        "TpmState", "Current TPM State", "ServerSecurity/TpmOptions",
        "Whether a TPM is installed and enabled.",
        [("NotPresent", "Not Present"), ("PresentDisabled", "Present and Disabled"),
         ("PresentEnabled", "Present and Enabled")],
        "PresentEnabled", read_only=True, default="NotPresent",
    ),
    enum(
        "TpmType", "Current TPM Type", "ServerSecurity/TpmOptions",
        "The TPM specification version of the installed module.",
        [("NoTpm", "No TPM"), ("Tpm12", "TPM 1.2"), ("Tpm20", "TPM 2.0")],
        "Tpm20", read_only=True, default="NoTpm",
    ),
    enum(
        "TpmChipId", "Current TPM Chip ID", "ServerSecurity/TpmOptions",
        "Which TPM chip is installed.",
        [("None", "None"), ("STMicroGen10", "ST Micro Gen10"),
         ("STMicroGen10Plus", "ST Micro Gen10 Plus"), ("NationzTpm20", "Nationz TPM 2.0")],
        "STMicroGen10Plus", read_only=True, default="None",
    ),
    # Network options
    enum(
        "NetworkBootRetry", "Network Boot Retry Support", "NetworkOptions",
        "Retries a failed PXE or HTTP boot before moving on in the boot order.",
        ON_OFF, "Enabled",
    ),
    integer(
        "NetworkBootRetryCount", "Network Boot Retry Count", "NetworkOptions",
        "How many times a network boot is tried (0 to 20) when Network Boot Retry is enabled.",
        (0, 20, 1), 20,
    ),
    enum(
        "Dhcpv4", "DHCPv4", "NetworkOptions/PreBootNetwork",
        "Gets the IPv4 settings of the pre-boot network (HTTP boot, iSCSI) from DHCP. Disable it "
        "to set the address, mask and gateway below.",
        ON_OFF, "Enabled",
    ),
    string(
        "Ipv4Address", "IPv4 Address", "NetworkOptions/PreBootNetwork",
        "The static IPv4 address of the pre-boot network, in dotted decimal (192.0.2.10). Used "
        "only when DHCPv4 is disabled.",
        15, "0.0.0.0", IPV4,
    ),
    string(
        "Ipv4SubnetMask", "IPv4 Subnet Mask", "NetworkOptions/PreBootNetwork",
        "The subnet mask of the static pre-boot address, in dotted decimal (255.255.255.0).",
        15, "0.0.0.0", IPV4,
    ),
    string(
        "Ipv4Gateway", "IPv4 Gateway", "NetworkOptions/PreBootNetwork",
        "The default gateway of the static pre-boot address, in dotted decimal.",
        15, "0.0.0.0", IPV4,
    ),
    enum(
        "VlanControl", "VLAN Control", "NetworkOptions/VlanConfiguration",
        "Tags the pre-boot network traffic of every enabled port with the VLAN below.",
        ON_OFF, "Disabled",
    ),
    integer(
        "VlanId", "VLAN ID", "NetworkOptions/VlanConfiguration",
        "The VLAN of pre-boot network traffic, 0 to 4094; 0 sends untagged frames.",
        (0, 4094, 1), 0,
    ),
    integer(
        "VlanPriority", "VLAN Priority", "NetworkOptions/VlanConfiguration",
        "The 802.1p priority of tagged pre-boot frames, 0 (lowest) to 7.",
        (0, 7, 1), 0,
    ),
    # Power and performance
    enum(
        "PowerRegulator", "Power Regulator", "PowerAndPerformanceOptions",
        "How processor power states are managed. Dynamic Power Savings adjusts to load; Static "
        "High Performance keeps the highest state; OS Control leaves it to the operating system.",
        [("DynamicPowerSavings", "Dynamic Power Savings Mode"),
         ("StaticLowPower", "Static Low Power Mode"),
         ("StaticHighPerf", "Static High Performance Mode"),
         ("OsControl", "OS Control Mode")],
        "DynamicPowerSavings",
    ),
    enum(
        "MinProcIdlePower", "Minimum Processor Idle Power Core C-State",
        "PowerAndPerformanceOptions",
        "The deepest C-state an idle core may enter. Deeper states save power but take longer to "
        "wake from.",
        [("C6", "C6 State"), ("C1E", "C1E State"), ("NoCStates", "No C-states")],
        "C6",
    ),
    enum(
        "EnergyPerfBias", "Energy/Performance Bias", "PowerAndPerformanceOptions",
        "A hint to the processor on whether to favour performance or energy savings.",
        [("MaxPerf", "Maximum Performance"), ("BalancedPerf", "Balanced Performance"),
         ("BalancedPower", "Balanced Power"), ("MaxPower", "Power Savings Mode")],
        "BalancedPerf",
    ),
    enum(
        "CollabPowerControl", "Collaborative Power Control", "PowerAndPerformanceOptions",
        "Lets an operating system that supports it request processor frequency changes even when "
        "Power Regulator is not in OS Control mode.",
        ON_OFF, "Enabled",
    ),
    enum(
        "ThermalConfig", "Thermal Configuration", "PowerAndPerformanceOptions",
        "The fan cooling policy. Optimal Cooling uses the least fan power that keeps the server "
        "cool; the other choices run the fans faster.",
        [("OptimalCooling", "Optimal Cooling"), ("IncreasedCooling", "Increased Cooling"),
         ("MaxCooling", "Maximum Cooling"), ("EnhancedCPUCooling", "Enhanced CPU Cooling")],
        "OptimalCooling",
    ),
    enum(
        "AutoPowerOn", "Automatic Power-On", "PowerAndPerformanceOptions",
        "What the server does when power returns after an outage.",
        [("RestoreLastState", "Restore Last Power State"),
         ("AlwaysPowerOn", "Always Power On"), ("AlwaysPowerOff", "Always Remain Off")],
        "RestoreLastState",
    ),
    integer(
        "PowerOnDelay", "Power-On Delay", "PowerAndPerformanceOptions",
        "Seconds to wait before powering on automatically, 0 to 120 in steps of 15, so servers "
        "in a rack do not all draw inrush current at once.",
        (0, 120, 15), 0,
    ),
    # Date and time
    enum(
        "TimeFormat", "Time Format", "DateAndTime",
        "Whether the hardware clock keeps Coordinated Universal Time or local time. Most "
        "operating systems expect UTC.",
        [("Utc", "Coordinated Universal Time (UTC)"), ("Localtime", "Local Time")],
        "Utc",
    ),
    boolean(
        "DaylightSavingsTime", "Daylight Savings Time", "DateAndTime",
        "Adjusts the local time shown by the System Utilities by one hour for daylight saving.",
        False,
    ),
]
# fmt: on

# (from attribute, condition, from value, to attribute, to property, to value)
# fmt: off
DEPENDENCIES = [
    ("Dhcpv4", "EQU", "Enabled", "Ipv4Address", "GrayOut", True),
    ("Dhcpv4", "EQU", "Enabled", "Ipv4SubnetMask", "GrayOut", True),
    ("Dhcpv4", "EQU", "Enabled", "Ipv4Gateway", "GrayOut", True),
    ("VlanControl", "EQU", "Disabled", "VlanId", "GrayOut", True),
    ("VlanControl", "EQU", "Disabled", "VlanPriority", "GrayOut", True),
    ("NetworkBootRetry", "EQU", "Disabled", "NetworkBootRetryCount", "GrayOut", True),
    ("MemPatrolScrubbing", "EQU", "Disabled", "PatrolScrubDuration", "GrayOut", True),
    ("ProcVirtualization", "EQU", "Disabled", "IntelProcVtd", "GrayOut", True),
    ("ProcVirtualization", "EQU", "Disabled", "Sriov", "GrayOut", True),
    ("BootMode", "EQU", "LegacyBios", "EmbeddedUefiShell", "GrayOut", True),
    ("BootMode", "EQU", "LegacyBios", "UefiShellStartup", "GrayOut", True),
    ("WorkloadProfile", "NEQ", "Custom", "MinProcIdlePower", "GrayOut", True),
    ("WorkloadProfile", "NEQ", "Custom", "EnergyPerfBias", "GrayOut", True),
    ("WorkloadProfile", "EQU", "Virtualization-MaxPerformance", "ProcVirtualization",
     "CurrentValue", "Enabled"),
]
# fmt: on


def current_attributes() -> dict:
    """The ``Attributes`` object of the Bios resource: every registry attribute's current value."""
    return {a["AttributeName"]: a["CurrentValue"] for a in ATTRIBUTES}


def build() -> list[Resource]:
    """The Bios resource and its settings object (pending values start equal to current ones)."""
    settings = resource(
        BIOS_SETTINGS,
        "#Bios.v1_0_4.Bios",
        "BIOS Pending Settings",
        "BIOS settings to apply at the next system reset; PATCH changes here",
        AttributeRegistry=BIOS_REGISTRY,
        Attributes=current_attributes(),
    )
    actions = "/redfish/v1/systems/1/bios/settings/Actions"
    bios = resource(
        BIOS,
        "#Bios.v1_0_4.Bios",
        "BIOS Current Settings",
        "BIOS settings in effect since the last system reset",
        Id="bios",
        **{
            "@Redfish.Settings": {
                "ETag": etag_of(settings),
                "Messages": [{"MessageId": "Base.1.4.Success"}],
                "SettingsObject": link(BIOS_SETTINGS),
                "SupportedApplyTimes": ["OnReset"],
                "Time": "2024-03-04T08:20:14Z",
            }
        },
        Actions={
            "#Bios.ChangePassword": {
                "target": f"{actions}/Bios.ChangePassword/",
                "PasswordName@Redfish.AllowableValues": ["AdminPassword", "PowerOnPassword"],
            },
            "#Bios.ResetBios": {"target": f"{actions}/Bios.ResetBios/"},
        },
        AttributeRegistry=BIOS_REGISTRY,
        Attributes=current_attributes(),
    )
    return [bios, settings]


def registry() -> dict:
    """The attribute registry document, served at :data:`BIOS_REGISTRY_URI`."""
    attributes = []
    for order, attribute in enumerate(copy.deepcopy(ATTRIBUTES), start=1):
        entry = {k: v for k, v in attribute.items() if k != "CurrentValue"}
        entry["DisplayOrder"] = order
        attributes.append(entry)
    return {
        "@odata.type": "#AttributeRegistry.v1_3_0.AttributeRegistry",
        "Id": BIOS_REGISTRY,
        "Name": "U46 BIOS Attribute Registry",
        "Description": "The BIOS attributes of the U46 System ROM: types, limits and help texts",
        "Language": "en",
        "OwningEntity": "HPE",
        "RegistryVersion": "1.2.10",
        "SupportedSystems": [
            {"FirmwareVersion": BIOS_VERSION, "ProductName": MODEL, "SystemId": "U46"}
        ],
        "RegistryEntries": {
            "Attributes": attributes,
            "Dependencies": [_dependency(*rule) for rule in DEPENDENCIES],
            "Menus": [
                {
                    "DisplayName": display,
                    "DisplayOrder": order,
                    "GrayOut": False,
                    "MenuName": name,
                    "MenuPath": path,
                    "ReadOnly": False,
                }
                for order, (name, display, path) in enumerate(MENUS, start=1)
            ],
        },
    }


def _dependency(source, condition, value, target, prop, to_value) -> dict:
    return {
        "Dependency": {
            "MapFrom": [
                {
                    "MapFromAttribute": source,
                    "MapFromCondition": condition,
                    "MapFromProperty": "CurrentValue",
                    "MapFromValue": value,
                }
            ],
            "MapToAttribute": target,
            "MapToProperty": prop,
            "MapToValue": to_value,
        },
        "DependencyFor": target,
        "Type": "Map",
    }
