#!/usr/bin/env python3
"""Rotates one of a Parley stack's secrets, then has Lambda replace the containers that read it.

The functions read their secrets from Secrets Manager once, as a container starts. So a
rotation (1) stores the new value as the secret's current version and (2) changes each
reading function's configuration (the variable SECRETS_ROTATED_AT), which makes Lambda start
new containers for the next requests: they read the new value.

  jwt    a new token key is generated; the one it replaces stays as "previous" and still
         verifies the access tokens it signed (and mailed unsubscribe links), so nobody is
         signed out. It is dropped at the next rotation.
  oidc   the new OIDC client secret (asked for, never on the command line). Create it at the
         identity provider first, keeping the old one valid until this has run.
  redis  the new Redis URL with its new password (asked for). Give Redis the new password
         first (a second ACL user or password), remove the old one after this has run.

Usage: rotate_secret.py jwt|oidc|redis --stack NAME [--region R] [--endpoint-url URL]
"""

import argparse
import getpass
import json
import secrets
import sys
from datetime import datetime, timezone

try:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # pragma: no cover - told to the operator
    sys.exit("rotate_secret.py needs boto3: run `make install-deps` (it installs .tools/venv)")

# What each kind rotates: the stack's secret resource, the functions that read it, and what the
# operator is asked for (None: generated).
KINDS = {
    "jwt": ("TokenKeySecret", ["RestFunction"], None),
    "oidc": ("OidcClientSecretValue", ["RestFunction"], "the new OIDC client secret"),
    "redis": (
        "RedisUrlSecret",
        ["RestFunction", "WsConnectFunction", "WsMessageFunction", "WsDisconnectFunction", "FanoutFunction"],
        "the new Redis URL (rediss://user:password@host:port)",
    ),
}
ROTATED = "SECRETS_ROTATED_AT"


def next_value(kind, current, asked):
    """The secret's next text: for the token key, a new key with the current one as previous."""
    if kind == "jwt":
        try:
            keys = json.loads(current)
            previous = keys["current"]
        except (ValueError, KeyError, TypeError):
            previous = current  # a key stored as plain text
        return json.dumps({"current": secrets.token_urlsafe(48), "previous": previous})
    if not asked:
        raise ValueError("the new value is empty: nothing was changed")
    if kind == "redis" and not asked.startswith(("rediss://", "redis://")):
        raise ValueError("a Redis URL starts with rediss:// (or redis://): nothing was changed")
    return asked


def rotate(kind, secretsmanager, lambda_, secret_arn, functions, asked=None, out=print, now=None):
    """Stores the next value of `secret_arn`, then renews the containers of `functions`."""
    current = secretsmanager.get_secret_value(SecretId=secret_arn)["SecretString"]
    value = next_value(kind, current, asked)
    version = secretsmanager.put_secret_value(SecretId=secret_arn, SecretString=value)["VersionId"]
    out(f"stored a new value of {secret_arn} (version {version})")
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in functions:
        variables = lambda_.get_function_configuration(FunctionName=name).get("Environment", {}).get("Variables", {})
        variables[ROTATED] = stamp
        lambda_.update_function_configuration(FunctionName=name, Environment={"Variables": variables})
        lambda_.get_waiter("function_updated_v2").wait(FunctionName=name)
        out(f"{name}: new containers read it from now on")
    return value


def stack_resource(cloudformation, stack, logical_id):
    found = cloudformation.describe_stack_resource(StackName=stack, LogicalResourceId=logical_id)
    return found["StackResourceDetail"]["PhysicalResourceId"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("--stack", required=True, help="the stack's name (samconfig.toml's stack_name)")
    parser.add_argument("--region", default=None)
    parser.add_argument("--endpoint-url", default=None, help="a stand-in for AWS (tests)")
    args = parser.parse_args(argv)
    resource, function_ids, question = KINDS[args.kind]
    asked = getpass.getpass(f"{question}: ").strip() if question else None
    session = boto3.session.Session(region_name=args.region)
    client = lambda service: session.client(service, endpoint_url=args.endpoint_url)
    try:
        cloudformation = client("cloudformation")
        secret_arn = stack_resource(cloudformation, args.stack, resource)
        functions = [stack_resource(cloudformation, args.stack, f) for f in function_ids]
        rotate(args.kind, client("secretsmanager"), client("lambda"), secret_arn, functions, asked)
    except ValueError as e:
        sys.exit(str(e))
    except (BotoCoreError, ClientError) as e:
        sys.exit(
            f"the rotation stopped: {e}\n"
            "  next: check the stack name and region, and that your credentials may read the stack, "
            "put the secret's value and update the functions' configuration; running it again is safe"
            + (" (for jwt it makes yet another key, which is fine)" if args.kind == "jwt" else "")
        )
    print(f"done: {args.kind} rotated. The next `sam deploy` removes {ROTATED} again (and renews the containers once more).")


if __name__ == "__main__":
    main()
