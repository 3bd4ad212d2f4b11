"""Ansible module iloshell.redfish.iloshell_info: values and resources as facts."""

DOCUMENTATION = r"""
module: iloshell_info
short_description: Read values from a Redfish service (HPE iLO and others) with iloshell
description:
  - Reads the values at O(paths) and lists the resources of O(types), as facts.
version_added: 0.1.0
extends_documentation_fragment: [iloshell.redfish.service]
options:
  paths:
    description: Shell paths of values, e.g. C(/Systems/1/PowerState).
    type: list
    elements: str
    default: []
  types:
    description: Resource types to find (as C(find -type) takes them, e.g. C(Bios), C(*Drive*)).
    type: list
    elements: str
    default: []
attributes:
  check_mode:
    support: full
    details: It only reads.
author: iloshell developers
"""

EXAMPLES = r"""
- name: Which workload profile each iLO has
  iloshell.redfish.iloshell_info:
    url: "https://{{ inventory_hostname }}"
    username: "{{ ilo_user }}"
    password: "{{ ilo_password }}"
    paths: [/Systems/1/Bios/Attributes/WorkloadProfile]
  delegate_to: localhost
"""

RETURN = r"""
ansible_facts:
  description: C(iloshell_values) (path -> value) and C(iloshell_found) (type -> paths).
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule  # noqa: E402 - after the docs, as Ansible has it


def main():
    from iloshell.frontends.playbook import SERVICE_OPTIONS, PlaybookError, read_facts, service_from

    module = AnsibleModule(
        argument_spec={
            **SERVICE_OPTIONS,
            "paths": {"type": "list", "elements": "str", "default": []},
            "types": {"type": "list", "elements": "str", "default": []},
        },
        supports_check_mode=True,
    )
    params = module.params
    try:
        facts = read_facts(service_from(params), params["paths"], params["types"])
    except PlaybookError as err:
        module.fail_json(msg=str(err))
    module.exit_json(
        changed=False,
        ansible_facts={"iloshell_values": facts["values"], "iloshell_found": facts["found"]},
        **facts,
    )


if __name__ == "__main__":
    main()
