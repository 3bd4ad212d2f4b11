"""The service resources: accounts, sessions, events, firmware inventory and tasks.

The account ``admin`` (Administrator) is the one the demo logs in with; ``operator`` and
``monitor`` show the other predefined roles. Passwords always read as ``null``, as on iLO: the
simulator's server keeps the real ones. The Sessions collection is empty here; the server adds a
session at every login.
"""

from __future__ import annotations

from urllib.parse import unquote

from iloshell.sim.builtin.common import Resource, collection, link, resource, status
from iloshell.sim.builtin.managers import ILO_FIRMWARE
from iloshell.sim.builtin.systems import BIOS_VERSION

ACCOUNT_SERVICE = "/redfish/v1/AccountService"
SESSION_SERVICE = "/redfish/v1/SessionService"
SESSIONS = "/redfish/v1/SessionService/Sessions/"
"""The Sessions collection's canonical URI: with a trailing slash, as the service root and the
login hint name it. The SessionService links it without the slash."""
EVENT_SERVICE = "/redfish/v1/EventService"
UPDATE_SERVICE = "/redfish/v1/UpdateService"
TASK_SERVICE = "/redfish/v1/TaskService"

# (Id, UserName, RoleId, display name)
ACCOUNTS = [
    ("1", "admin", "Administrator", "Demo Administrator"),
    ("2", "operator", "Operator", "Night Shift Operator"),
    ("3", "monitor", "ReadOnly", "Monitoring System"),
]
ROLE_PRIVILEGES = {
    "Administrator": (
        ["Login", "ConfigureManager", "ConfigureUsers", "ConfigureSelf", "ConfigureComponents"],
        [
            "RemoteConsolePriv",
            "VirtualMediaPriv",
            "VirtualPowerAndResetPriv",
            "HostBIOSConfigPriv",
            "HostNICConfigPriv",
            "HostStorageConfigPriv",
            "SystemRecoveryConfigPriv",
        ],
    ),
    "Operator": (
        ["Login", "ConfigureSelf", "ConfigureComponents"],
        ["RemoteConsolePriv", "VirtualMediaPriv", "VirtualPowerAndResetPriv"],
    ),
    "ReadOnly": (["Login", "ConfigureSelf"], []),
}

# (Id as it appears in the URI, name, version, description, updateable)
FIRMWARE = [
    ("1", "iLO 5", f"{ILO_FIRMWARE} Dec 12 2023", "SystemBMC", True),
    ("2", "System ROM", BIOS_VERSION, "SystemRomActive", True),
    ("3", "Redundant System ROM", "U46 v1.90 (06/21/2023)", "SystemRomBackup", True),
    ("4", "Intelligent Platform Abstraction Data", "14.2.0 Build 27", "SystemBoard", True),
    ("5", "Power Management Controller Firmware", "1.0.8", "SystemBoard", True),
    ("6", "Power Management Controller FW Bootloader", "1.1", "SystemBoard", False),
    ("7", "System Programmable Logic Device", "0x31", "SystemBoard", True),
    ("8", "Server Platform Services (SPS) Firmware", "6.0.4.24", "SystemBoard", True),
    ("9", "Intelligent Provisioning", "3.62.22", "SystemBoard", True),
    ("10", "Embedded Video Controller", "2.5", "SystemBoard", False),
    ("11", "HPE Smart Array P408i-a SR Gen10", "5.32", "Storage Controller", True),
    (
        "12",
        "Broadcom NetXtreme E-Series 10/25Gb 2-port SFP28 OCP3 Adapter",
        "223.1.96.0",
        "OCP Slot 14",
        True,
    ),
    ("13", "Intel(R) Ethernet Network Adapter E810-XXVDA2", "4.20 0x8001778B", "PCIe Slot 1", True),
    # iLO names some components by their location; '#' and ' ' are escaped in the URI.
    ("Power%20Supply%20%231", "Power Supply Firmware", "1.00", "Bay 1", True),
    ("Power%20Supply%20%232", "Power Supply Firmware", "1.00", "Bay 2", True),
]
SOFTWARE = [
    ("HPE%20Agentless%20Management%20Service", "11.3.0"),
    ("HPE%20iLO%205%20Channel%20Interface%20Driver", "4.8.0"),
    ("Smart%20Storage%20Administrator%20CLI", "6.15.11.0"),
]


def build() -> list[Resource]:
    """AccountService, SessionService, EventService, UpdateService and TaskService trees."""
    return [*_accounts(), *_sessions(), *_events(), *_updates(), *_tasks()]


def _accounts() -> list[Resource]:
    accounts = f"{ACCOUNT_SERVICE}/Accounts"
    roles = f"{ACCOUNT_SERVICE}/Roles"
    out = [
        resource(
            ACCOUNT_SERVICE,
            "#AccountService.v1_5_0.AccountService",
            "Account Service",
            "iLO User Accounts",
            AccountLockoutCounterResetAfter=30,
            AccountLockoutDuration=30,
            AccountLockoutThreshold=0,
            Accounts=link(accounts),
            AuthFailureLoggingThreshold=3,
            LocalAccountAuth="Enabled",
            MaxPasswordLength=39,
            MinPasswordLength=8,
            Roles=link(roles),
            ServiceEnabled=True,
            Status=status(),
        ),
        collection(
            accounts,
            "ManagerAccount",
            "Accounts",
            [f"{accounts}/{a[0]}" for a in ACCOUNTS],
            "iLO User Accounts",
        ),
    ]
    for account_id, user, role, login_name in ACCOUNTS:
        out.append(
            resource(
                f"{accounts}/{account_id}",
                "#ManagerAccount.v1_3_0.ManagerAccount",
                "User Account",
                "iLO User Account",
                Enabled=True,
                Links={"Role": link(f"{roles}/{role}")},
                Locked=False,
                Oem={"Hpe": {"LoginName": login_name}},
                Password=None,
                PasswordChangeRequired=False,
                RoleId=role,
                UserName=user,
            )
        )
    out.append(
        collection(
            roles,
            "Role",
            "Roles",
            [f"{roles}/{r}" for r in ROLE_PRIVILEGES],
            "iLO Roles Collection",
        )
    )
    for role, (assigned, oem) in ROLE_PRIVILEGES.items():
        out.append(
            resource(
                f"{roles}/{role}",
                "#Role.v1_2_1.Role",
                "User Role",
                "iLO User Role",
                AssignedPrivileges=assigned,
                IsPredefined=True,
                OemPrivileges=oem,
                RoleId=role,
            )
        )
    return out


def _sessions() -> list[Resource]:
    return [
        resource(
            SESSION_SERVICE,
            "#SessionService.v1_0_0.SessionService",
            "Session Service",
            "Session Service",
            ServiceEnabled=True,
            SessionTimeout=1800,
            Sessions=link(SESSIONS),
            Status=status(),
        ),
        collection(SESSIONS, "Session", "Sessions", [], "Manager User Sessions"),
    ]


def _events() -> list[Resource]:
    subscriptions = f"{EVENT_SERVICE}/Subscriptions"
    event_types = ["StatusChange", "ResourceUpdated", "ResourceAdded", "ResourceRemoved", "Alert"]
    return [
        resource(
            EVENT_SERVICE,
            "#EventService.v1_0_8.EventService",
            "Event Service",
            "Event Subscription service",
            Actions={
                "#EventService.SubmitTestEvent": {
                    "target": f"{EVENT_SERVICE}/Actions/EventService.SubmitTestEvent",
                    "EventType@Redfish.AllowableValues": list(event_types),
                }
            },
            DeliveryRetryAttempts=3,
            DeliveryRetryIntervalSeconds=30,
            EventTypesForSubscription=list(event_types),
            ServiceEnabled=True,
            Status=status(rollup="OK"),
            Subscriptions=link(subscriptions),
        ),
        collection(
            subscriptions,
            "EventDestination",
            "Event Subscriptions",
            [f"{subscriptions}/1"],
            "iLO Event Subscriptions",
        ),
        resource(
            f"{subscriptions}/1",
            "#EventDestination.v1_0_0.EventDestination",
            "Event Subscription",
            "iLO Event Subscription",
            Context="demo-rack-12",
            Destination="https://events.example.net/redfish",
            EventTypes=["Alert", "StatusChange"],
            HttpHeaders=[],
            Protocol="Redfish",
        ),
    ]


def _updates() -> list[Resource]:
    firmware = f"{UPDATE_SERVICE}/FirmwareInventory"
    software = f"{UPDATE_SERVICE}/SoftwareInventory"
    out = [
        resource(
            UPDATE_SERVICE,
            "#UpdateService.v1_1_1.UpdateService",
            "Update Service",
            "iLO Update Service",
            Actions={
                "#UpdateService.SimpleUpdate": {
                    "target": f"{UPDATE_SERVICE}/Actions/UpdateService.SimpleUpdate",
                    "TransferProtocol@Redfish.AllowableValues": ["HTTP", "HTTPS"],
                }
            },
            FirmwareInventory=link(firmware),
            HttpPushUri="/cgi-bin/uploadFile",
            ServiceEnabled=True,
            SoftwareInventory=link(software),
            Status=status(),
        ),
        collection(
            firmware,
            "SoftwareInventory",
            "Firmware Inventory Collection",
            [f"{firmware}/{f[0]}" for f in FIRMWARE],
            "Firmware Inventory Collection",
        ),
    ]
    for item_id, name, version, context, updateable in FIRMWARE:
        out.append(
            resource(
                f"{firmware}/{item_id}",
                "#SoftwareInventory.v1_2_0.SoftwareInventory",
                name,
                context if context.startswith("System") else "Device firmware",
                Oem={"Hpe": {"DeviceContext": context}},
                Status=status(),
                Updateable=updateable,
                Version=version,
            )
        )
    out.append(
        collection(
            software,
            "SoftwareInventory",
            "Software Inventory Collection",
            [f"{software}/{s[0]}" for s in SOFTWARE],
            "Host software reported by the Agentless Management Service",
        )
    )
    for item_id, version in SOFTWARE:
        uri = f"{software}/{item_id}"
        out.append(
            resource(
                uri,
                "#SoftwareInventory.v1_2_0.SoftwareInventory",
                unquote(item_id),
                "Host software",
                Status=status(),
                Updateable=False,
                Version=version,
            )
        )
    return out


def _tasks() -> list[Resource]:
    tasks = f"{TASK_SERVICE}/Tasks"
    done = [
        ("1", "Firmware update of iLO 5 to 3.01", "2024-01-09T08:04:12Z", "2024-01-09T08:11:57Z"),
        (
            "2",
            "Export of the IML to a support file",
            "2024-02-20T14:30:00Z",
            "2024-02-20T14:30:41Z",
        ),
    ]
    out = [
        resource(
            TASK_SERVICE,
            "#TaskService.v1_1_1.TaskService",
            "Task Service",
            "iLO Task Service",
            CompletedTaskOverWritePolicy="Manual",
            DateTime="2024-03-04T09:00:00Z",
            LifeCycleEventOnTaskStateChange=True,
            ServiceEnabled=True,
            Status=status(rollup="OK"),
            Tasks=link(tasks),
        ),
        collection(tasks, "Task", "Tasks", [f"{tasks}/{t[0]}" for t in done], "iLO Tasks"),
    ]
    for task_id, what, started, ended in done:
        out.append(
            resource(
                f"{tasks}/{task_id}",
                "#Task.v1_4_2.Task",
                f"Task {task_id}",
                what,
                EndTime=ended,
                Messages=[
                    {
                        "Message": "Successfully Completed Request",
                        "MessageArgs": [],
                        "MessageId": "Base.1.4.Success",
                        "Severity": "OK",
                    }
                ],
                PercentComplete=100,
                StartTime=started,
                TaskState="Completed",
                TaskStatus="OK",
            )
        )
    return out
