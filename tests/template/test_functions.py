"""The Rust functions: runtime, build, timeouts, environment, secrets and VPC."""

from __future__ import annotations

import json
import tomllib
import unittest

from template_support import (
    TABLE_NAME,
    API_FUNCTIONS,
    ENV_VARS,
    FUNCTIONS,
    LOCAL_ONLY_CRATES,
    ROOT,
    SECRETS,
    SECRETS_OF,
    TemplateTestCase,
    as_list,
    if_branches,
)


class FunctionTests(TemplateTestCase):
    def test_exactly_the_rust_functions(self) -> None:
        self.assertEqual(set(self.of_type("AWS::Serverless::Function")), set(FUNCTIONS))
        self.assertEqual(self.of_type("AWS::Lambda::Function"), {})

    def test_functions_are_rust_built_by_cargo_lambda_for_the_chosen_architecture(self) -> None:
        parameter = self.template["Parameters"]["Architecture"]
        self.assertEqual(parameter["Default"], "arm64")
        self.assertEqual(sorted(parameter["AllowedValues"]), ["arm64", "x86_64"])
        for logical_id, binary in FUNCTIONS.items():
            with self.subTest(function=logical_id):
                props = self.function_props(logical_id)
                self.assertEqual(props.get("Runtime"), "provided.al2023")
                self.assertEqual(props.get("Handler"), "bootstrap")
                self.assertEqual(props.get("Architectures"), [{"Ref": "Architecture"}])
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

    def test_every_function_has_its_crate_under_functions_and_every_crate_a_function(self) -> None:
        """A function's Binary is the package of functions/<binary> (a thin main.rs over shared
        code), and each crate there but the local gateway is deployed."""
        binaries = set()
        for logical_id, function in self.of_type("AWS::Serverless::Function").items():
            with self.subTest(function=logical_id):
                binary = function.get("Metadata", {}).get("BuildProperties", {}).get("Binary")
                crate = ROOT / "functions" / str(binary)
                self.assertTrue((crate / "src" / "main.rs").is_file(), f"no functions/{binary}/src/main.rs")
                manifest = tomllib.loads((crate / "Cargo.toml").read_text(encoding="utf-8"))
                self.assertEqual(manifest["package"]["name"], binary)
                binaries.add(binary)
        crates = {d.name for d in (ROOT / "functions").iterdir() if (d / "Cargo.toml").is_file()}
        self.assertEqual(crates - LOCAL_ONLY_CRATES, binaries)

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
                self.assertEqual(env["DYNAMODB_TABLE"], TABLE_NAME)
                if "OIDC_CLIENT_SECRET" in SECRETS_OF[logical_id]:
                    self.assertEqual(env["OIDC_ISSUER"], {"Ref": "OidcIssuer"})
                    self.assertEqual(env["OIDC_CLIENT_ID"], {"Ref": "OidcClientId"})
                else:
                    # With an issuer, the configuration would ask for the client secret.
                    self.assertNotIn("OIDC_ISSUER", env)
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

    def test_secret_parameters_are_noecho_and_the_token_key_is_the_stacks_own(self) -> None:
        params = self.template["Parameters"]
        for param in ("OidcClientSecret", "RedisUrl"):
            with self.subTest(parameter=param):
                self.assertIs(params[param].get("NoEcho"), True)
                if param == "RedisUrl":
                    # Empty unless RedisMode=external, where a rule requires it (test_redis).
                    self.assertEqual(params[param].get("Default"), "")
                else:
                    self.assertNotIn("Default", params[param], "a secret must not have a default")
        self.assertNotIn("JwtSecret", params, "the stack generates the token key")
        generated = self.resource("TokenKeySecret", "AWS::SecretsManager::Secret")["Properties"][
            "GenerateSecretString"
        ]
        self.assertEqual(generated["GenerateStringKey"], "current")
        self.assertEqual(json.loads(generated["SecretStringTemplate"]), {"previous": ""})
        self.assertGreaterEqual(int(generated["PasswordLength"]), 32)
        for resource, param in (("OidcClientSecretValue", "OidcClientSecret"), ("RedisUrlSecret", "RedisUrl")):
            secret = self.resource(resource, "AWS::SecretsManager::Secret")["Properties"]
            self.assertEqual(secret["SecretString"], {"Ref": param})
        self.assertEqual(self.resources["RedisUrlSecret"]["Condition"], "UseExternalRedis")
        self.assertTrue(str(params["OidcIssuer"].get("AllowedPattern", "")).startswith("^https://"))

    def test_no_secret_is_in_an_environment_and_each_function_reads_only_its_own(self) -> None:
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                env = self.function_props(logical_id)["Environment"]["Variables"]
                given = SECRETS_OF[logical_id]
                for variable, (arn_variable, resource) in SECRETS.items():
                    # REDIS_URL may be the stack's own cache, which has no password (test_redis).
                    value = env.get(variable)
                    if variable == "REDIS_URL" and value is not None:
                        self.assertEqual(value["Fn::If"][0], "UseElastiCache")
                        self.assertEqual(value["Fn::If"][2], {"Ref": "AWS::NoValue"})
                    else:
                        self.assertNotIn(variable, env, f"{variable} in the environment")
                    if variable in given:
                        # The Redis URL is a secret with RedisMode=external (test_redis pins the
                        # other branch, the stack's own cache).
                        self.assertIn({"Ref": resource}, list(if_branches(env.get(arn_variable))))
                    else:
                        self.assertNotIn(arn_variable, env)
                readable = []
                for statement in self.statements(logical_id):
                    actions = {str(a).lower() for a in as_list(statement.get("Action", []))}
                    if actions & {"secretsmanager:getsecretvalue", "secretsmanager:*"}:
                        self.assertEqual(actions, {"secretsmanager:getsecretvalue"})
                        for resource in as_list(statement["Resource"]):
                            readable.extend(if_branches(resource))
                expected = [{"Ref": SECRETS[v][1]} for v in sorted(given)]
                self.assertCountEqual(readable, expected)

    def test_vpc_is_optional_and_applies_to_every_function(self) -> None:
        """The bring-your-own VPC (VpcSubnetIds) when RedisMode is not elasticache, else none;
        test_redis pins the stack's own VPC."""
        self.assertIn("UseVpc", self.template["Conditions"])
        self.assertEqual(self.template["Parameters"]["VpcSubnetIds"].get("Default"), "")
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                vpc = self.function_props(logical_id).get("VpcConfig")
                self.assertIsInstance(vpc, dict)
                self.assertEqual(vpc.get("Fn::If", [None])[0], "UseElastiCache")
                own = vpc["Fn::If"][2]
                self.assertEqual(own.get("Fn::If", [None])[0], "UseVpc")
                self.assertEqual(
                    own["Fn::If"][1],
                    {"SubnetIds": {"Ref": "VpcSubnetIds"}, "SecurityGroupIds": {"Ref": "VpcSecurityGroupIds"}},
                )
                self.assertEqual(own["Fn::If"][2], {"Ref": "AWS::NoValue"})


if __name__ == "__main__":
    unittest.main()
