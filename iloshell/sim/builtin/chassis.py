"""The chassis ``/redfish/v1/Chassis/1`` with its power and thermal readings.

Sensors and supplies are array members, not resources, so each carries its own ``@odata.id`` with a
fragment. Real iLO firmware spells fragments two ways and both are kept here on purpose:
temperatures and power supplies use iLO's ``Thermal#Temperatures/0`` (no slash after ``#``), fans,
power control and redundancy the JSON pointer form ``Thermal#/Fans/0``.
"""

from __future__ import annotations

from iloshell.sim.builtin.common import Resource, collection, link, links, resource, status
from iloshell.sim.builtin.systems import MODEL, SERIAL_NUMBER, SKU

CHASSIS = "/redfish/v1/Chassis/1"
POWER = f"{CHASSIS}/Power"
THERMAL = f"{CHASSIS}/Thermal"

# (name, physical context, reading in Cel, upper critical, upper fatal or None)
TEMPERATURES = [
    ("01-Inlet Ambient", "Intake", 22, 42, 46),
    ("02-CPU 1", "CPU", 41, 70, None),
    ("03-CPU 2", "CPU", 44, 70, None),
    ("04-P1 DIMM 1-8", "SystemBoard", 33, 90, None),
    ("06-P1 DIMM 9-16", "SystemBoard", 32, 90, None),
    ("08-P2 DIMM 1-8", "SystemBoard", 34, 90, None),
    ("10-P2 DIMM 9-16", "SystemBoard", 33, 90, None),
    ("12-PCI 1 Zone", "SystemBoard", 38, 100, 105),
    ("14-HD Controller", "StorageDevice", 51, 100, None),
    ("16-Exhaust", "Exhaust", 36, 75, 80),
    ("18-P/S 1", "PowerSupply", 31, None, None),
    ("19-P/S 2", "PowerSupply", 33, None, None),
]
FAN_PERCENT = [23, 23, 25, 25, 23, 23]


def build() -> list[Resource]:
    """The Chassis collection, Chassis/1, its Power and its Thermal resource."""
    return [
        collection(
            "/redfish/v1/Chassis", "Chassis", "Chassis Collection", [CHASSIS], "Chassis view"
        ),
        resource(
            CHASSIS,
            "#Chassis.v1_10_0.Chassis",
            "Computer System Chassis",
            "The rack-mount enclosure of the server",
            ChassisType="RackMount",
            IndicatorLED="Off",
            Links={
                "ComputerSystems": links(["/redfish/v1/Systems/1"]),
                "ManagedBy": links(["/redfish/v1/Managers/1"]),
                "Drives": links(
                    [f"/redfish/v1/Systems/1/Storage/DE00A000/Drives/{n}" for n in range(4)]
                ),
            },
            Manufacturer="HPE",
            Model=MODEL,
            Power=link(POWER),
            PowerState="On",
            SKU=SKU,
            SerialNumber=SERIAL_NUMBER,
            Status=status(rollup="OK"),
            Thermal=link(THERMAL),
        ),
        _power(),
        _thermal(),
    ]


def _power() -> Resource:
    supplies = []
    for n, (output, serial) in enumerate([(212, "5XUWB0DEMO3101"), (198, "5XUWB0DEMO3102")]):
        supplies.append(
            {
                "@odata.id": f"{POWER}#PowerSupplies/{n}",
                "FirmwareVersion": "1.00",
                "LastPowerOutputWatts": output,
                "LineInputVoltage": 230,
                "LineInputVoltageType": "ACHighLine",
                "Manufacturer": "DELTA",
                "MemberId": str(n),
                "Model": "P38995-B21",
                "Name": f"Power Supply {n + 1}",
                "PowerCapacityWatts": 800,
                "PowerSupplyType": "AC",
                "SerialNumber": serial,
                "SparePartNumber": "P39384-001",
                "Status": status(),
            }
        )
    return resource(
        POWER,
        "#Power.v1_3_0.Power",
        "Power Metrics",
        "Power consumption and power supplies of the chassis",
        PowerControl=[
            {
                "@odata.id": f"{POWER}#/PowerControl/0",
                "MemberId": "0",
                "Name": "System Power Control",
                "PowerCapacityWatts": 1600,
                "PowerConsumedWatts": 410,
                "PowerLimit": {"LimitInWatts": None},
                "PowerMetrics": {
                    "AverageConsumedWatts": 398,
                    "IntervalInMin": 20,
                    "MaxConsumedWatts": 521,
                    "MinConsumedWatts": 352,
                },
            }
        ],
        PowerSupplies=supplies,
        Redundancy=[
            {
                "@odata.id": f"{POWER}#/Redundancy/0",
                "MaxNumSupported": 2,
                "MemberId": "0",
                "MinNumNeeded": 1,
                "Mode": "Failover",
                "Name": "PowerSupply Redundancy Group 1",
                "RedundancySet": links([s["@odata.id"] for s in supplies]),
                "Status": status(),
            }
        ],
    )


def _thermal() -> Resource:
    temperatures = []
    for n, (name, context, reading, critical, fatal) in enumerate(TEMPERATURES):
        temperatures.append(
            {
                "@odata.id": f"{THERMAL}#Temperatures/{n}",
                "MemberId": str(n),
                "Name": name,
                "PhysicalContext": context,
                "ReadingCelsius": reading,
                "SensorNumber": n + 1,
                "Status": status(),
                "UpperThresholdCritical": critical,
                "UpperThresholdFatal": fatal,
            }
        )
    fans = [
        {
            "@odata.id": f"{THERMAL}#/Fans/{n}",
            "MemberId": str(n),
            "Name": f"Fan {n + 1}",
            "PhysicalContext": "SystemBoard",
            "Reading": percent,
            "ReadingUnits": "Percent",
            "Status": status(),
        }
        for n, percent in enumerate(FAN_PERCENT)
    ]
    return resource(
        THERMAL,
        "#Thermal.v1_6_2.Thermal",
        "Thermal",
        "Temperatures and fans of the chassis",
        Fans=fans,
        Temperatures=temperatures,
    )
