"""Pins the shape of template.yaml: the things the Rust code, the contract and the security model
rely on. Run inside a venv with cfn-lint installed:

    python -m unittest discover -s tests/template -v

PARLEY_TEMPLATE=path overrides the template under test (used to check that the tests can fail).
"""

from __future__ import annotations

import os
import re
import tomllib
import unittest
from pathlib import Path
from typing import Any, Iterator

from cfnlint.api import lint
from cfnlint.decode import decode_str

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(os.environ.get("PARLEY_TEMPLATE", ROOT / "template.yaml"))

# logical id -> cargo binary (docs/contract.md)
FUNCTIONS = {
    "RestFunction": "rest",
    "WsConnectFunction": "ws-connect",
    "WsMessageFunction": "ws-message",
    "WsDisconnectFunction": "ws-disconnect",
    "FanoutFunction": "fanout",
    "MigrateFunction": "migrate",
}
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
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "JWT_SECRET",
    "DYNAMODB_TABLE",
    "REDIS_URL",
    "WS_URL",
    "WS_MANAGEMENT_ENDPOINT",
    "RUST_LOG",
}
SECRET_ENV = {
    "OIDC_CLIENT_SECRET": "OidcClientSecret",
    "JWT_SECRET": "JwtSecret",
    "REDIS_URL": "RedisUrl",
}
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
MANAGE_CONNECTIONS_ARN = (
    "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}"
    ":${WebSocketApi}/${StageName}/*/@connections/*"
)


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


class FunctionTests(TemplateTestCase):
    def test_exactly_the_five_rust_functions(self) -> None:
        self.assertEqual(set(self.of_type("AWS::Serverless::Function")), set(FUNCTIONS))
        self.assertEqual(self.of_type("AWS::Lambda::Function"), {})

    def test_functions_are_rust_on_arm64_built_by_cargo_lambda(self) -> None:
        for logical_id, binary in FUNCTIONS.items():
            with self.subTest(function=logical_id):
                props = self.function_props(logical_id)
                self.assertEqual(props.get("Runtime"), "provided.al2023")
                self.assertEqual(props.get("Handler"), "bootstrap")
                self.assertEqual(props.get("Architectures"), ["arm64"])
                # The workspace root, so the whole workspace builds and Binary selects the member.
                self.assertIn(props.get("CodeUri"), ("./", ".", ""))
                metadata = self.resources[logical_id].get("Metadata", {})
                self.assertEqual(metadata.get("BuildMethod"), "rust-cargolambda")
                self.assertEqual(metadata.get("BuildProperties", {}).get("Binary"), binary)
                self.assertEqual(props.get("LoggingConfig", {}).get("LogFormat"), "JSON")
                self.assertEqual(props.get("MemorySize"), 256)

    def test_binaries_are_workspace_members(self) -> None:
        """Each Binary is a package of the cargo workspace (a package's binary has its name)."""
        workspace = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))
        packages = set()
        for member in workspace["workspace"]["members"]:
            manifest = tomllib.loads((ROOT / member / "Cargo.toml").read_text(encoding="utf-8"))
            packages.add(manifest["package"]["name"])
            packages |= {b["name"] for b in manifest.get("bin", [])}
        for logical_id, function in self.of_type("AWS::Serverless::Function").items():
            with self.subTest(function=logical_id):
                binary = function.get("Metadata", {}).get("BuildProperties", {}).get("Binary")
                self.assertIn(binary, packages)

    def test_timeouts(self) -> None:
        for logical_id in API_FUNCTIONS:
            with self.subTest(function=logical_id):
                self.assertEqual(self.function_props(logical_id).get("Timeout"), 29)
        self.assertEqual(self.function_props("MigrateFunction").get("Timeout"), 900)

    def test_migrate_is_not_wired_to_any_event(self) -> None:
        props = self.function_props("MigrateFunction")
        self.assertFalse(props.get("Events"), "migrate must only be invoked by hand")
        for logical_id, res in self.resources.items():
            if res.get("Type") in ("AWS::Lambda::Permission", "AWS::ApiGatewayV2::Integration"):
                text = repr(res.get("Properties"))
                self.assertNotIn("MigrateFunction", text, f"{logical_id} wires migrate to an event")

    def test_every_function_gets_the_contract_environment(self) -> None:
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                env = self.function_props(logical_id)["Environment"]["Variables"]
                self.assertLessEqual(ENV_VARS, set(env), f"missing: {ENV_VARS - set(env)}")
                self.assertNotIn("AWS_REGION", env, "Lambda sets AWS_REGION itself")
                self.assertNotIn("DYNAMODB_ENDPOINT", env, "production uses the real DynamoDB")
                self.assertEqual(env["ENV"], "production")
                self.assertEqual(env["RUST_LOG"], "info")
                self.assertEqual(env["DYNAMODB_TABLE"], {"Ref": "Table"})
                self.assertEqual(env["OIDC_ISSUER"], {"Ref": "OidcIssuer"})
                self.assertEqual(env["OIDC_CLIENT_ID"], {"Ref": "OidcClientId"})
                for var, param in SECRET_ENV.items():
                    self.assertEqual(env[var], {"Ref": param})
                self.assertEqual(
                    env["WS_URL"],
                    {"Fn::Sub": "wss://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com/${StageName}"},
                )
                self.assertEqual(
                    env["WS_MANAGEMENT_ENDPOINT"],
                    {"Fn::Sub": "https://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com/${StageName}"},
                )
                base_urls = list(if_branches(env["BASE_URL"]))
                self.assertIn({"Ref": "PublicUrl"}, base_urls)
                self.assertIn({"Fn::Sub": "https://${Distribution.DomainName}"}, base_urls)
                self.assertEqual(env["BASE_URL"]["Fn::If"][0], "HasPublicUrl")

    def test_secrets_are_noecho_parameters(self) -> None:
        params = self.template["Parameters"]
        for param in SECRET_ENV.values():
            with self.subTest(parameter=param):
                self.assertIs(params[param].get("NoEcho"), True)
                self.assertNotIn("Default", params[param], "a secret must not have a default")
        self.assertGreaterEqual(int(params["JwtSecret"].get("MinLength", 0)), 32)
        self.assertTrue(str(params["OidcIssuer"].get("AllowedPattern", "")).startswith("^https://"))

    def test_vpc_is_optional_and_applies_to_every_function(self) -> None:
        self.assertIn("UseVpc", self.template["Conditions"])
        self.assertEqual(self.template["Parameters"]["VpcSubnetIds"].get("Default"), "")
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                vpc = self.function_props(logical_id).get("VpcConfig")
                self.assertIsInstance(vpc, dict)
                self.assertEqual(vpc.get("Fn::If", [None])[0], "UseVpc")
                self.assertEqual(vpc["Fn::If"][2], {"Ref": "AWS::NoValue"})


class IamTests(TemplateTestCase):
    def test_only_migrate_may_scan(self) -> None:
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                actions = self.allowed_actions(logical_id)
                if logical_id == "MigrateFunction":
                    self.assertIn("dynamodb:scan", actions)
                else:
                    self.assertNotIn("dynamodb:scan", actions)

    def test_no_function_manages_tables(self) -> None:
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                actions = self.allowed_actions(logical_id)
                self.assertEqual(actions & FORBIDDEN_ACTIONS, set())
                self.assertFalse([a for a in actions if "*" in a], f"wildcard action in {actions}")

    def test_api_functions_get_exactly_the_item_actions_on_table_and_indexes(self) -> None:
        for logical_id in API_FUNCTIONS:
            with self.subTest(function=logical_id):
                dynamo = [
                    s
                    for s in self.statements(logical_id)
                    if any(str(a).lower().startswith("dynamodb:") for a in as_list(s.get("Action")))
                ]
                actions = {str(a).lower() for s in dynamo for a in as_list(s["Action"])}
                self.assertEqual(actions, API_TABLE_ACTIONS)
                for statement in dynamo:
                    self.assertEqual(
                        as_list(statement["Resource"]),
                        [{"Fn::GetAtt": ["Table", "Arn"]}, {"Fn::Sub": "${Table.Arn}/index/*"}],
                    )

    def test_migrate_gets_table_actions_plus_scan_and_describe(self) -> None:
        actions = self.allowed_actions("MigrateFunction")
        self.assertEqual(actions, API_TABLE_ACTIONS | {"dynamodb:scan", "dynamodb:describetable"})

    def test_fanout_posts_only_and_only_rest_hands_over_to_it(self) -> None:
        self.assertEqual(self.allowed_actions("FanoutFunction"), {"execute-api:manageconnections"})
        props = self.function_props("FanoutFunction")
        self.assertEqual(props["EventInvokeConfig"]["MaximumRetryAttempts"], 0)
        self.assertFalse(props.get("Events"), "fan-out is invoked by rest, not by an event")
        rest = self.function_props("RestFunction")["Environment"]["Variables"]
        self.assertEqual(rest["FANOUT_FUNCTION"], {"Ref": "FanoutFunction"})
        grants = [
            s
            for s in self.statements("RestFunction")
            if "lambda:invokefunction" in {str(a).lower() for a in as_list(s.get("Action"))}
        ]
        self.assertEqual(len(grants), 1)
        self.assertEqual(grants[0]["Resource"], {"Fn::GetAtt": ["FanoutFunction", "Arn"]})
        for logical_id in FUNCTIONS:
            if logical_id != "RestFunction":
                self.assertNotIn("lambda:invokefunction", self.allowed_actions(logical_id))

    def test_manage_connections_for_the_websocket_stage_only(self) -> None:
        for logical_id in API_FUNCTIONS:
            with self.subTest(function=logical_id):
                grants = [
                    s
                    for s in self.statements(logical_id)
                    if "execute-api:manageconnections"
                    in {str(a).lower() for a in as_list(s.get("Action"))}
                ]
                self.assertEqual(len(grants), 1)
                self.assertEqual(grants[0]["Effect"], "Allow")
                self.assertEqual(grants[0]["Resource"], {"Fn::Sub": MANAGE_CONNECTIONS_ARN})
        self.assertFalse(
            [a for a in self.allowed_actions("MigrateFunction") if a.startswith("execute-api:")]
        )

    def test_rest_sends_mail_from_the_ses_sender_parameter(self) -> None:
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                env = self.function_props(logical_id)["Environment"]["Variables"]
                if logical_id == "RestFunction":
                    self.assertEqual(env["SES_SENDER"], {"Ref": "SesSender"})
                else:
                    self.assertNotIn("SES_SENDER", env)
        self.assertEqual(self.template["Parameters"]["SesSender"].get("Default"), "")
        self.assertIn("SesSenderNeedsIdentity", self.template["Rules"])

    def test_only_rest_may_send_mail(self) -> None:
        # GetAccount: the deep health check asks whether SES answers.
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                ses = {a for a in self.allowed_actions(logical_id) if a.startswith("ses:")}
                expected = {"ses:sendemail", "ses:getaccount"} if logical_id == "RestFunction" else set()
                self.assertEqual(ses, expected)


class WebSocketApiTests(TemplateTestCase):
    def test_websocket_api(self) -> None:
        api = self.resources[self.api_of_protocol("WEBSOCKET")]
        self.assertEqual(api["Properties"].get("RouteSelectionExpression"), "$request.body.type")

    def test_exactly_three_routes_each_proxying_to_its_function(self) -> None:
        routes = self.routes_of(self.api_of_protocol("WEBSOCKET"))
        self.assertEqual(set(routes), set(WS_ROUTES))
        for key, function in WS_ROUTES.items():
            with self.subTest(route=key):
                integration = self.integration_of(routes[key])["Properties"]
                self.assertEqual(integration.get("IntegrationType"), "AWS_PROXY")
                self.assertEqual(referenced_id(integration.get("IntegrationUri")), function)
                self.assertIn("/invocations", str(integration["IntegrationUri"]))

    def test_default_route_is_two_way(self) -> None:
        routes = self.routes_of(self.api_of_protocol("WEBSOCKET"))
        default_id = next(k for k, v in self.resources.items() if v is routes["$default"])
        self.assertEqual(routes["$default"]["Properties"].get("RouteResponseSelectionExpression"), "$default")
        responses = [
            r["Properties"]
            for r in self.of_type("AWS::ApiGatewayV2::RouteResponse").values()
            if referenced_id(r["Properties"].get("RouteId")) == default_id
        ]
        self.assertEqual(len(responses), 1)
        self.assertEqual(responses[0].get("RouteResponseKey"), "$default")

    def test_stage_is_deployed_after_the_routes(self) -> None:
        api_id = self.api_of_protocol("WEBSOCKET")
        stages = [
            s for s in self.of_type("AWS::ApiGatewayV2::Stage").values()
            if referenced_id(s["Properties"].get("ApiId")) == api_id
        ]
        self.assertEqual(len(stages), 1)
        stage = stages[0]["Properties"]
        self.assertEqual(stage.get("StageName"), {"Ref": "StageName"})
        self.assertEqual(self.template["Parameters"]["StageName"].get("Default"), "prod")
        deployment_id = referenced_id(stage.get("DeploymentId"))
        deployment = self.resource(deployment_id, "AWS::ApiGatewayV2::Deployment")
        route_ids = {
            k for k, v in self.of_type("AWS::ApiGatewayV2::Route").items()
            if referenced_id(v["Properties"].get("ApiId")) == api_id
        }
        self.assertLessEqual(route_ids, set(as_list(deployment.get("DependsOn", []))))

    def test_lambda_permission_per_websocket_function(self) -> None:
        permissions = self.of_type("AWS::Lambda::Permission").values()
        for key, function in WS_ROUTES.items():
            with self.subTest(function=function):
                mine = [
                    p["Properties"] for p in permissions
                    if referenced_id(p["Properties"].get("FunctionName")) == function
                ]
                self.assertEqual(len(mine), 1)
                self.assertEqual(mine[0]["Principal"], "apigateway.amazonaws.com")
                self.assertEqual(mine[0]["Action"], "lambda:InvokeFunction")
                source = str(mine[0]["SourceArn"]["Fn::Sub"])
                self.assertIn(":${WebSocketApi}/", source)
                self.assertTrue(source.endswith(f"/{key}") or source.endswith("/*"), source)


class HttpApiTests(TemplateTestCase):
    def test_routes_proxy_to_rest_with_payload_v2(self) -> None:
        routes = self.routes_of(self.api_of_protocol("HTTP"))
        self.assertEqual(set(routes), HTTP_ROUTES)
        for key, route in routes.items():
            with self.subTest(route=key):
                integration = self.integration_of(route)["Properties"]
                self.assertEqual(integration.get("IntegrationType"), "AWS_PROXY")
                self.assertEqual(integration.get("PayloadFormatVersion"), "2.0")
                self.assertEqual(referenced_id(integration.get("IntegrationUri")), "RestFunction")

    def test_default_stage_auto_deploys(self) -> None:
        api_id = self.api_of_protocol("HTTP")
        stages = [
            s["Properties"] for s in self.of_type("AWS::ApiGatewayV2::Stage").values()
            if referenced_id(s["Properties"].get("ApiId")) == api_id
        ]
        self.assertEqual(len(stages), 1)
        self.assertEqual(stages[0].get("StageName"), "$default")
        self.assertIs(stages[0].get("AutoDeploy"), True)

    def test_rest_may_be_invoked_by_the_http_api(self) -> None:
        mine = [
            p["Properties"] for p in self.of_type("AWS::Lambda::Permission").values()
            if referenced_id(p["Properties"].get("FunctionName")) == "RestFunction"
        ]
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine[0]["Principal"], "apigateway.amazonaws.com")
        self.assertIn(":${HttpApi}/", str(mine[0]["SourceArn"]["Fn::Sub"]))

    def test_api_gateway_leaves_cors_to_the_rest_function(self) -> None:
        # Its CorsConfiguration would answer preflights for any configured origin before the
        # function, which allows BASE_URL only.
        api = self.resource(self.api_of_protocol("HTTP"), "AWS::ApiGatewayV2::Api")["Properties"]
        self.assertNotIn("CorsConfiguration", api)

    def test_rest_has_no_sam_events(self) -> None:
        # Events: HttpApi would create a dependency cycle through the distribution (BASE_URL).
        self.assertFalse(self.function_props("RestFunction").get("Events"))


class TableTests(TemplateTestCase):
    def setUp(self) -> None:
        self.table = self.resource("Table", "AWS::DynamoDB::Table")
        self.props = self.table["Properties"]

    def test_keys(self) -> None:
        self.assertEqual(
            self.props["KeySchema"],
            [{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        )
        types = {a["AttributeName"]: a["AttributeType"] for a in self.props["AttributeDefinitions"]}
        self.assertEqual(types, {k: "S" for k in ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK")})

    def test_two_gsis_projecting_all(self) -> None:
        indexes = {i["IndexName"]: i for i in self.props["GlobalSecondaryIndexes"]}
        self.assertEqual(set(indexes), {"GSI1", "GSI2"})
        for name, index in indexes.items():
            with self.subTest(index=name):
                self.assertEqual(
                    index["KeySchema"],
                    [
                        {"AttributeName": f"{name}PK", "KeyType": "HASH"},
                        {"AttributeName": f"{name}SK", "KeyType": "RANGE"},
                    ],
                )
                self.assertEqual(index["Projection"], {"ProjectionType": "ALL"})

    def test_ttl_billing_recovery_retention(self) -> None:
        self.assertEqual(self.props["TimeToLiveSpecification"], {"AttributeName": "ttl", "Enabled": True})
        self.assertEqual(self.props["BillingMode"], "PAY_PER_REQUEST")
        self.assertIs(
            self.props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], True
        )
        self.assertEqual(self.table.get("DeletionPolicy"), "Retain")
        self.assertEqual(self.table.get("UpdateReplacePolicy"), "Retain")


class WebTests(TemplateTestCase):
    def setUp(self) -> None:
        distributions = self.of_type("AWS::CloudFront::Distribution")
        self.assertEqual(len(distributions), 1)
        self.config = next(iter(distributions.values()))["Properties"]["DistributionConfig"]
        self.origins = {o["Id"]: o for o in self.config["Origins"]}

    def test_spa_is_the_default_behaviour_through_oac(self) -> None:
        default = self.config["DefaultCacheBehavior"]
        origin = self.origins[default["TargetOriginId"]]
        self.assertEqual(origin["DomainName"], {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]})
        self.assertIsNotNone(referenced_id(origin.get("OriginAccessControlId")))
        self.assertEqual(default["ViewerProtocolPolicy"], "redirect-to-https")
        self.assertIsNotNone(default.get("ResponseHeadersPolicyId"))
        rewrites = [a for a in default.get("FunctionAssociations", []) if a["EventType"] == "viewer-request"]
        self.assertEqual(len(rewrites), 1)
        # Custom error pages would turn API 404s into index.html.
        self.assertFalse(self.config.get("CustomErrorResponses"))

    def test_api_paths_go_uncached_to_the_http_api(self) -> None:
        behaviours = {b["PathPattern"]: b for b in self.config.get("CacheBehaviors", [])}
        self.assertLessEqual({"/api/*", "/auth/*", "/healthz"}, set(behaviours))
        for path in ("/api/*", "/auth/*", "/healthz"):
            with self.subTest(path=path):
                behaviour = behaviours[path]
                origin = self.origins[behaviour["TargetOriginId"]]
                self.assertEqual(
                    referenced_id(origin["DomainName"]), "HttpApi", "origin must be the HTTP API"
                )
                self.assertEqual(behaviour["CachePolicyId"], CACHING_DISABLED)
                self.assertEqual(behaviour["OriginRequestPolicyId"], ALL_VIEWER_EXCEPT_HOST_HEADER)
                self.assertEqual(behaviour["ViewerProtocolPolicy"], "redirect-to-https")
                self.assertFalse(behaviour.get("FunctionAssociations"))
        for path in ("/api/*", "/auth/*"):
            self.assertIn("POST", behaviours[path]["AllowedMethods"])

    def test_the_api_hears_only_from_cloudfront(self) -> None:
        # CloudFront adds the edge secret to every API request; the REST function refuses
        # requests without it, so nobody reaches it around CloudFront with their own
        # X-Forwarded-For (the rate limits key on the entry CloudFront appends).
        headers = {h["HeaderName"]: h["HeaderValue"] for h in self.origins["api"].get("OriginCustomHeaders", [])}
        env = self.function_props("RestFunction")["Environment"]["Variables"]
        self.assertIn("X-Parley-Edge", headers)
        self.assertIn("EDGE_SECRET", env)
        self.assertEqual(headers["X-Parley-Edge"], env["EDGE_SECRET"], "the same secret in both places")
        self.assertIn("AWS::StackId", repr(env["EDGE_SECRET"]))

    def test_bucket_is_private_and_readable_only_by_the_distribution(self) -> None:
        bucket = self.resource("WebBucket", "AWS::S3::Bucket")["Properties"]
        self.assertEqual(
            set(bucket["PublicAccessBlockConfiguration"].values()), {True}
        )
        policies = [
            p["Properties"] for p in self.of_type("AWS::S3::BucketPolicy").values()
            if referenced_id(p["Properties"]["Bucket"]) == "WebBucket"
        ]
        self.assertEqual(len(policies), 1)
        for statement in policies[0]["PolicyDocument"]["Statement"]:
            if statement["Effect"] != "Allow":
                continue
            self.assertEqual(statement["Principal"], {"Service": "cloudfront.amazonaws.com"})
            source = statement["Condition"]["StringEquals"]["AWS:SourceArn"]
            self.assertEqual(referenced_id(source), "Distribution")

    def test_security_headers(self) -> None:
        policies = self.of_type("AWS::CloudFront::ResponseHeadersPolicy")
        self.assertEqual(len(policies), 1)
        policy_id = next(iter(policies))
        self.assertEqual(
            referenced_id(self.config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]), policy_id
        )
        headers = policies[policy_id]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
        self.assertGreaterEqual(int(headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"]), 31536000)
        self.assertIn("ContentTypeOptions", headers)
        self.assertEqual(headers["FrameOptions"]["FrameOption"], "DENY")
        self.assertIn("ReferrerPolicy", headers)

    def test_the_apps_csp_allows_its_own_files_and_websocket_only(self) -> None:
        policy = self.of_type("AWS::CloudFront::ResponseHeadersPolicy")
        headers = next(iter(policy.values()))["Properties"]["ResponseHeadersPolicyConfig"][
            "SecurityHeadersConfig"
        ]
        csp = headers["ContentSecurityPolicy"]
        # The API's own, stricter CSP stays on its answers.
        self.assertIs(csp["Override"], False)
        text = csp["ContentSecurityPolicy"]["Fn::Sub"]
        directives = {
            d.split()[0]: d.split()[1:] for d in (p.strip() for p in text.split(";")) if d
        }
        self.assertEqual(directives["default-src"], ["'self'"])
        self.assertEqual(directives["script-src"], ["'self'"])
        self.assertEqual(directives["frame-ancestors"], ["'none'"])
        self.assertEqual(directives["object-src"], ["'none'"])
        self.assertEqual(
            directives["connect-src"],
            ["'self'", "wss://${WebSocketApi}.execute-api.${AWS::Region}.amazonaws.com"],
        )
        self.assertNotIn("'unsafe-inline'", text)
        self.assertNotIn("'unsafe-eval'", text)

    def test_spa_rewrite_keeps_files_and_rewrites_routes(self) -> None:
        functions = self.of_type("AWS::CloudFront::Function")
        self.assertEqual(len(functions), 1)
        code = str(next(iter(functions.values()))["Properties"]["FunctionCode"])
        self.assertIn("/index.html", code)
        self.assertIn("'.'", code)


class OutputTests(TemplateTestCase):
    def test_outputs(self) -> None:
        outputs = self.template["Outputs"]
        for name in (
            "AppUrl",
            "HttpApiUrl",
            "WebSocketUrl",
            "WebSocketManagementEndpoint",
            "TableName",
            "WebBucketName",
            "DistributionId",
            "OidcRedirectUri",
        ):
            self.assertIn(name, outputs)
        redirect = list(if_branches(outputs["OidcRedirectUri"]["Value"]))
        for value in redirect:
            self.assertTrue(str(value["Fn::Sub"]).endswith("/auth/oidc/callback"), value)


class LintTests(unittest.TestCase):
    def test_cfn_lint_is_clean(self) -> None:
        matches = lint(TEMPLATE.read_text(encoding="utf-8"), regions=["us-east-1", "eu-west-1"])
        self.assertEqual([f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches], [])


if __name__ == "__main__":
    unittest.main()
