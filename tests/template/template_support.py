"""What the template tests share: the template under test, the names the Rust code, the contract
and the security model rely on, and helpers to walk CloudFormation values. The tests pin the
shape of template.yaml; run them inside a venv with cfn-lint installed:

    python -m unittest discover -s tests/template -v

PARLEY_TEMPLATE=path overrides the template under test (used to check that the tests can fail).
"""

from __future__ import annotations

import os
import re
import unittest
from pathlib import Path
from typing import Any, Iterator

from cfnlint.decode import decode_str

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(os.environ.get("PARLEY_TEMPLATE", ROOT / "template.yaml"))

# logical id -> cargo binary (docs/contract.md)
# The table the functions use: the stack's own, or ExistingTableName (a restored table).
_NAME_IN_USE = {"Fn::If": ["UseExistingTable", {"Ref": "ExistingTableName"}, {"Ref": "Table"}]}
TABLE_NAME = _NAME_IN_USE
TABLE_ARN = {"Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Name}", {"Name": _NAME_IN_USE}]}
TABLE_INDEX_ARN = {
    "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Name}/index/*", {"Name": _NAME_IN_USE}]
}
TABLE_STREAM_ARN = {
    "Fn::If": ["UseExistingTable", {"Fn::Join": ["", [{"Ref": "ExistingTableStreamArn"}]]}, {"Fn::GetAtt": ["Table", "StreamArn"]}]
}
STREAM_POLICY_ARN = {"Fn::If": ["UseExistingTable", {"Ref": "ExistingTableStreamArn"}, {"Fn::GetAtt": ["Table", "StreamArn"]}]}

FUNCTIONS = {
    "RestFunction": "rest",
    "WsConnectFunction": "ws-connect",
    "WsMessageFunction": "ws-message",
    "WsDisconnectFunction": "ws-disconnect",
    "FanoutFunction": "fanout",
    "MigrateFunction": "migrate",
    "SearchIndexFunction": "search-index",
}
# Crates under functions/ that are no Lambda function: the local gateway.
LOCAL_ONLY_CRATES = {"local"}
WS_ROUTES = {
    "$connect": "WsConnectFunction",
    "$default": "WsMessageFunction",
    "$disconnect": "WsDisconnectFunction",
}
HTTP_ROUTES = {"ANY /api/{proxy+}", "ANY /auth/{proxy+}", "GET /healthz"}
API_FUNCTIONS = ["RestFunction", "WsConnectFunction", "WsMessageFunction", "WsDisconnectFunction"]
API_TABLE_ACTIONS = {
    "dynamodb:getitem",
    "dynamodb:query",
    "dynamodb:putitem",
    "dynamodb:updateitem",
    "dynamodb:deleteitem",
    "dynamodb:batchgetitem",
    "dynamodb:batchwriteitem",
    "dynamodb:conditioncheckitem",
}
FORBIDDEN_ACTIONS = {
    "dynamodb:createtable",
    "dynamodb:deletetable",
    "dynamodb:updatetable",
    "dynamodb:*",
    "*",
}
ENV_VARS = {
    "ENV",
    "BASE_URL",
    "DYNAMODB_TABLE",
    "WS_URL",
    "WS_MANAGEMENT_ENDPOINT",
    "RUST_LOG",
}
# Each secret's variable (never in any function's environment), the variable naming its secret
# instead, and the secret resource.
SECRETS = {
    "JWT_SECRET": ("JWT_SECRET_ARN", "TokenKeySecret"),
    "OIDC_CLIENT_SECRET": ("OIDC_CLIENT_SECRET_ARN", "OidcClientSecretValue"),
    "REDIS_URL": ("REDIS_URL_SECRET_ARN", "RedisUrlSecret"),
}
# Which secrets each function is given: only those it uses.
SECRETS_OF = {
    "RestFunction": {"JWT_SECRET", "OIDC_CLIENT_SECRET", "REDIS_URL"},
    "WsConnectFunction": {"REDIS_URL"},
    "WsMessageFunction": {"REDIS_URL"},
    "WsDisconnectFunction": {"REDIS_URL"},
    "FanoutFunction": {"REDIS_URL"},
    "SearchIndexFunction": set(),
    "MigrateFunction": set(),
}
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
MANAGE_CONNECTIONS_ARN = (
    "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}"
    ":${WebSocketApi}/${StageName}/*/@connections/*"
)
WS_ORIGIN = "wss://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com"
# The uploads bucket's RegionalDomainName, built in the CSP from the bucket's name (a GetAtt
# would close a cycle through the CORS rule's distribution origin); shared/api/src/security.rs
# files_origin computes the same.
UPLOADS_ORIGIN = "https://${UploadsBucketName}.s3.${AWS::Region}.amazonaws.com"


def load_template() -> dict:
    template, matches = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    if matches or template is None:
        raise AssertionError(f"{TEMPLATE} does not parse: {[str(m) for m in matches]}")
    return template


def referenced_id(value: Any) -> str | None:
    """The logical id a Ref / GetAtt / single-reference Sub points at (None if none)."""
    if isinstance(value, dict) and len(value) == 1:
        (key, arg), = value.items()
        if key == "Ref" and isinstance(arg, str):
            return arg
        if key == "Fn::GetAtt":
            return arg[0] if isinstance(arg, list) else str(arg).split(".")[0]
        if key == "Fn::Sub" and isinstance(arg, str):
            names = {n.split(".")[0] for n in re.findall(r"\$\{([^}!]+)\}", arg)}
            names = {n for n in names if not n.startswith("AWS::")}
            if len(names) == 1:
                return names.pop()
    return None


def if_branches(value: Any) -> Iterator[Any]:
    """Every value a property can take: both branches of Fn::If, recursively; NoValue dropped."""
    if isinstance(value, dict) and list(value.keys()) == ["Fn::If"]:
        for branch in value["Fn::If"][1:]:
            yield from if_branches(branch)
    elif value == {"Ref": "AWS::NoValue"}:
        return
    else:
        yield value


def as_list(value: Any) -> list:
    return list(value) if isinstance(value, list) else [value]


class TemplateTestCase(unittest.TestCase):
    template: dict

    @classmethod
    def setUpClass(cls) -> None:
        cls.template = load_template()

    # -- helpers ------------------------------------------------------------------------------

    @property
    def resources(self) -> dict:
        return self.template["Resources"]

    def of_type(self, type_name: str) -> dict:
        return {k: v for k, v in self.resources.items() if v.get("Type") == type_name}

    def resource(self, logical_id: str, type_name: str) -> dict:
        self.assertIn(logical_id, self.resources, f"resource {logical_id} is missing")
        res = self.resources[logical_id]
        self.assertEqual(res.get("Type"), type_name, f"{logical_id} has the wrong type")
        return res

    def function_props(self, logical_id: str) -> dict:
        """A function's properties with SAM Globals applied (maps merged, resource wins)."""
        globals_ = dict(self.template.get("Globals", {}).get("Function", {}))
        own = self.resource(logical_id, "AWS::Serverless::Function").get("Properties", {})
        merged = dict(globals_)
        for key, value in own.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
        env_global = globals_.get("Environment", {}).get("Variables", {})
        env_own = own.get("Environment", {}).get("Variables", {})
        merged["Environment"] = {"Variables": {**env_global, **env_own}}
        return merged

    def statements(self, logical_id: str) -> list[dict]:
        """Every IAM statement a function's Policies can grant (both sides of each Fn::If)."""
        policies = self.function_props(logical_id).get("Policies", [])
        out = []
        for entry in as_list(policies):
            for policy in if_branches(entry):
                self.assertIsInstance(
                    policy,
                    dict,
                    f"{logical_id}: use inline statements, not managed policies or SAM policy "
                    f"templates ({policy!r})",
                )
                self.assertIn("Statement", policy, f"{logical_id}: {policy!r} is not an inline policy")
                for statement in as_list(policy["Statement"]):
                    out.extend(if_branches(statement))
        return out

    def allowed_actions(self, logical_id: str) -> set[str]:
        actions = set()
        for statement in self.statements(logical_id):
            if statement.get("Effect") == "Allow":
                actions |= {str(a).lower() for a in as_list(statement.get("Action", []))}
        return actions

    def csp(self) -> tuple[dict[str, list[str]], dict]:
        """The app's CSP from the one response headers policy: directive -> sources, and the
        variables of its Fn::Sub."""
        policies = self.of_type("AWS::CloudFront::ResponseHeadersPolicy")
        self.assertEqual(len(policies), 1)
        headers = next(iter(policies.values()))["Properties"]["ResponseHeadersPolicyConfig"][
            "SecurityHeadersConfig"
        ]
        sub = headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
        text, variables = (sub, {}) if isinstance(sub, str) else (sub[0], sub[1])
        directives = {}
        for part in (p.strip() for p in text.split(";")):
            if part:
                name, *sources = part.split()
                self.assertNotIn(name, directives, f"CSP names {name} twice")
                directives[name] = sources
        return directives, variables

    def integration_of(self, route: dict) -> dict:
        target = route["Properties"].get("Target")
        integration_id = referenced_id(target)
        self.assertIsNotNone(integration_id, f"route target {target!r} names no integration")
        self.assertTrue(str(target["Fn::Sub"]).startswith("integrations/"), target)
        return self.resource(integration_id, "AWS::ApiGatewayV2::Integration")

    def api_of_protocol(self, protocol: str) -> str:
        apis = [
            k
            for k, v in self.of_type("AWS::ApiGatewayV2::Api").items()
            if v["Properties"].get("ProtocolType") == protocol
        ]
        self.assertEqual(len(apis), 1, f"expected one {protocol} API, found {apis}")
        return apis[0]

    def routes_of(self, api_id: str) -> dict[str, dict]:
        routes = {}
        for route in self.of_type("AWS::ApiGatewayV2::Route").values():
            if referenced_id(route["Properties"].get("ApiId")) == api_id:
                key = route["Properties"]["RouteKey"]
                self.assertNotIn(key, routes, f"route {key} is defined twice")
                routes[key] = route
        return routes
