"""The options every iloshell.redfish module takes: where to log in, and how."""


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  url:
    description: The service, C(https://HOST[:PORT]) (C(http://) for simulators).
    type: str
    required: true
  username:
    description: The user to log in as.
    type: str
    required: true
    aliases: [user]
  password:
    description: Its password (never logged).
    type: str
    required: true
  validate_certs:
    description: Verify the TLS certificate (against O(ca_path) or the system trust store).
    type: bool
    default: true
  ca_path:
    description: A PEM CA bundle to verify the certificate with.
    type: path
  auth:
    description:
      - How to log in, as iloshell's C(--auth). V(session) opens a Redfish session (logged
        out at the end of the task); V(basic) sends Basic credentials with every request;
        V(auto) opens a session when the service offers one, else uses Basic (also when the
        session login is refused but Basic credentials work).
    type: str
    default: auto
    choices: [auto, session, basic]
  timeout:
    description: Seconds to wait for each answer.
    type: float
    default: 30
"""
