"""The service root ``/redfish/v1/`` and iLO's ResourceDirectory.

The root is what a client reads first, without credentials: where everything is, how to log in
(``Oem.Hpe.Sessions.LoginHint``) and which query options the service supports. The
ResourceDirectory lists every resource with its type and ETag in one GET, the shortcut iLO offers
instead of crawling the tree; it is built last, from the finished resources, and the server
brings it up to date on every read after a write.
"""

from __future__ import annotations

from iloshell.sim.builtin.common import Resource, link, resource
from iloshell.sim.builtin.managers import ILO_DOMAIN, ILO_FIRMWARE, ILO_HOST_NAME
from iloshell.sim.builtin.services import SESSIONS
from iloshell.sim.builtin.systems import HOST_NAME, MODEL

ROOT = "/redfish/v1/"
RESOURCE_DIRECTORY = "/redfish/v1/ResourceDirectory/"

MONIKER = {
    "ADVLIC": "iLO Advanced",
    "BMC": "iLO",
    "CLASS": "Baseboard Management Controller",
    "IPROV": "Intelligent Provisioning",
    "PRODABR": "iLO",
    "PRODFAM": "Integrated Lights-Out",
    "PRODGEN": "iLO 5",
    "PRODNAM": "Integrated Lights-Out 5",
    "PRODTAG": "HPE iLO 5",
    "STDLIC": "iLO Standard",
    "SUMGR": "Smart Update Manager",
    "SYSFAM": "ProLiant",
    "VENDABR": "HPE",
    "VENDNAM": "Hewlett Packard Enterprise",
    "WWW": "www.hpe.com",
    "WWWBMC": "www.hpe.com/info/ilo",
    "WWWDOC": "www.hpe.com/support/ilo-docs",
    "WWWRESTDOC": "www.hpe.com/us/en/servers/restful-api.html",
    "WWWSUP": "www.hpe.com/support/ilo5",
}


def build() -> Resource:
    """The service root. Links mostly without a trailing slash, as iLO 5 2.46 writes them; the
    Registries link and the Sessions links carry one, as older firmware did."""
    return resource(
        ROOT,
        "#ServiceRoot.v1_5_1.ServiceRoot",
        "HPE RESTful Root Service",
        "The entry point of the Redfish service; readable without logging in",
        Id="RootService",
        AccountService=link("/redfish/v1/AccountService"),
        Chassis=link("/redfish/v1/Chassis"),
        EventService=link("/redfish/v1/EventService"),
        JsonSchemas=link("/redfish/v1/JsonSchemas"),
        Links={"Sessions": link(SESSIONS)},
        Managers=link("/redfish/v1/Managers"),
        Oem={
            "Hpe": {
                "@odata.context": "/redfish/v1/$metadata#HpeiLOServiceExt.HpeiLOServiceExt",
                "@odata.type": "#HpeiLOServiceExt.v2_3_0.HpeiLOServiceExt",
                "Links": {"ResourceDirectory": link(RESOURCE_DIRECTORY.rstrip("/"))},
                "Manager": [
                    {
                        "DefaultLanguage": "en",
                        "FQDN": f"{ILO_HOST_NAME}.{ILO_DOMAIN}",
                        "HostName": ILO_HOST_NAME,
                        "Languages": [
                            {
                                "Language": "en",
                                "TranslationName": "English",
                                "Version": ILO_FIRMWARE,
                            }
                        ],
                        "ManagerFirmwareVersion": ILO_FIRMWARE,
                        "ManagerType": "iLO 5",
                        "Status": {"Health": "OK"},
                    }
                ],
                "Moniker": dict(MONIKER),
                "Sessions": {
                    "CertCommonName": f"{ILO_HOST_NAME}.{ILO_DOMAIN}",
                    "CertificateLoginEnabled": False,
                    "KerberosEnabled": False,
                    "LDAPAuthLicenced": True,
                    "LDAPEnabled": False,
                    "LocalLoginEnabled": True,
                    "LoginFailureDelay": 0,
                    "LoginHint": {
                        "Hint": "POST to /Sessions to login using the following JSON object:",
                        "HintPOSTData": {"Password": "password", "UserName": "username"},
                    },
                    "SecurityOverride": False,
                    "ServerName": HOST_NAME,
                },
                "System": [{"Status": {"Health": "OK"}}],
                "Time": "2024-03-04T09:00:00Z",
            }
        },
        Product=MODEL,
        ProtocolFeaturesSupported={
            "ExpandQuery": {
                "ExpandAll": False,
                "Levels": True,
                "Links": False,
                "MaxLevels": 1,
                "NoLinks": True,
            },
            "FilterQuery": False,
            "OnlyMemberQuery": False,
            "SelectQuery": False,
        },
        RedfishVersion="1.6.0",
        Registries=link("/redfish/v1/Registries/"),
        SessionService=link("/redfish/v1/SessionService"),
        Systems=link("/redfish/v1/Systems"),
        Tasks=link("/redfish/v1/TaskService"),
        UUID="5C1A7E6B-3F2D-5B8E-A1C4-0D9E8F7A6B51",
        UpdateService=link("/redfish/v1/UpdateService"),
        Vendor="HPE",
    )


def resource_directory(resources: list[Resource]) -> Resource:
    """iLO's index of ``resources`` (their ETags must already be stamped); not of itself."""
    instances = [
        {
            "@odata.etag": body["@odata.etag"],
            "@odata.id": body["@odata.id"],
            "@odata.type": body["@odata.type"],
        }
        for body in resources
    ]
    return resource(
        RESOURCE_DIRECTORY,
        "#HpeiLOResourceDirectory.v2_0_0.HpeiLOResourceDirectory",
        "iLO Directory Service",
        "Every resource of this service with its type and ETag, for a client's quick start",
        Id="ResourceDirectory",
        Instances=instances,
    )
