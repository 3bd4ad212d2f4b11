"""Ansible module iloshell.redfish.iloshell: apply settings or an iloshell script."""

DOCUMENTATION = r"""
module: iloshell
short_description: Configure a Redfish service (HPE iLO and others) with iloshell
description:
  - Applies O(settings) (shell paths to values) or an iloshell O(script) on the controller.
  - Every value is validated against the service's own schemas and attribute registries
    before anything is sent; a refused value fails the task with nothing sent.
  - Changes go out as one PATCH per resource with If-Match, and are read back. BIOS-like
    resources are changed through their settings object and report V(pending) until reset.
  - C(changed) is true only when something was, or in check mode would be, committed. A value
    the resource already has, or already holds pending, changes nothing.
version_added: 0.1.0
extends_documentation_fragment: [iloshell.redfish.service]
options:
  settings:
    description:
      - Shell paths and the values to set, e.g.
        C(/Systems/1/Bios/Attributes/WorkloadProfile=Virtualization-MaxPerformance).
    type: dict
  script:
    description: iloshell commands, one per line or separated by C(;) (commit needs no -y).
    type: str
attributes:
  check_mode:
    support: full
    details: Validates and stages, shows the requests it would send, sends no change.
  diff_mode:
    support: full
    details: Before and after of every changed property, per resource.
notes:
  - "Runs on the controller: use C(connection: local) or C(delegate_to: localhost), and
    C(ansible_python_interpreter) set to a Python that has iloshell installed."
author: iloshell developers
"""

EXAMPLES = r"""
- name: Virtualization profile on every iLO (applies at the next reboot)
  iloshell.redfish.iloshell:
    url: "https://{{ inventory_hostname }}"
    username: "{{ ilo_user }}"
    password: "{{ ilo_password }}"
    settings:
      /Systems/1/Bios/Attributes/WorkloadProfile: Virtualization-MaxPerformance
  delegate_to: localhost
"""

RETURN = r"""
changes:
  description: Every change with its result, V(applied), V(pending) (at the next reset),
    V(not applied) or V(failed) (with the reason), or V(would change) in check mode.
  returned: always
  type: list
  elements: dict
stdout:
  description: What the shell printed.
  returned: always
  type: str
stderr:
  description: The shell's notes (what was staged, already set, or not sent).
  returned: always
  type: str
"""

from ansible.module_utils.basic import AnsibleModule  # noqa: E402 - after the docs, as Ansible has it


def main():
    from iloshell.frontends.playbook import (
        SERVICE_OPTIONS,
        PlaybookError,
        configure,
        service_from,
    )

    module = AnsibleModule(
        argument_spec={**SERVICE_OPTIONS, "settings": {"type": "dict"}, "script": {"type": "str"}},
        mutually_exclusive=[("settings", "script")],
        required_one_of=[("settings", "script")],
        supports_check_mode=True,
    )
    params = module.params
    try:
        result = configure(
            service_from(params),
            settings=params["settings"],
            script=params["script"],
            check=module.check_mode,
        )
    except PlaybookError as err:
        module.fail_json(msg=str(err), **err.result)
    if not module._diff:
        result.pop("diff")
    module.exit_json(**result)


if __name__ == "__main__":
    main()
