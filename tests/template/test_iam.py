"""What each function's role may do: least privilege on the table, @connections and mail."""

from __future__ import annotations

import unittest

from template_support import TABLE_ARN, TABLE_INDEX_ARN, API_FUNCTIONS, API_TABLE_ACTIONS, FORBIDDEN_ACTIONS, FUNCTIONS, MANAGE_CONNECTIONS_ARN, TemplateTestCase, as_list


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
                        [TABLE_ARN, TABLE_INDEX_ARN],
                    )

    def test_migrate_gets_table_actions_plus_scan_and_describe(self) -> None:
        actions = self.allowed_actions("MigrateFunction")
        export = {"s3:putobject", "s3:abortmultipartupload"}
        self.assertEqual(actions, API_TABLE_ACTIONS | {"dynamodb:scan", "dynamodb:describetable"} | export)
        # The export's writes: only when ExportBucketName is set, and only into that bucket.
        exports = [s for s in self.statements("MigrateFunction") if s.get("Sid") == "ExportWrites"]
        self.assertEqual(len(exports), 1)
        self.assertEqual(exports[0]["Resource"], {"Fn::Sub": "arn:${AWS::Partition}:s3:::${ExportBucketName}/*"})
        conditional = [p for p in self.function_props("MigrateFunction")["Policies"] if "Fn::If" in p]
        self.assertEqual([p["Fn::If"][0] for p in conditional], ["HasExportBucket"])

    def test_fanout_posts_only_and_only_rest_hands_over_to_it(self) -> None:
        self.assertEqual(
            self.allowed_actions("FanoutFunction"),
            {"execute-api:manageconnections", "secretsmanager:getsecretvalue"},
        )
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


if __name__ == "__main__":
    unittest.main()
