"""Operating the stack: alarms on what breaks a team's chat, who they tell, the dashboard, access
logs, tracing and reserved concurrency."""

from __future__ import annotations

import json
import os
import re
import unittest

from template_support import FUNCTIONS, TemplateTestCase

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def metric_names_in_code() -> set[str]:
    """The metric names shared/metrics writes (its `name()` match arms)."""
    with open(os.path.join(ROOT, "shared", "metrics", "src", "lib.rs")) as f:
        return set(re.findall(r'Metric::\w+ => "(\w+)"', f.read()))


class OperationsTests(TemplateTestCase):
    def alarms(self) -> dict:
        return self.of_type("AWS::CloudWatch::Alarm")

    def test_every_alarm_tells_the_topic_which_mails_when_asked(self) -> None:
        self.assertTrue(self.alarms())
        for logical_id, alarm in self.alarms().items():
            with self.subTest(alarm=logical_id):
                props = alarm["Properties"]
                self.assertEqual(props["AlarmActions"], [{"Ref": "AlarmTopic"}])
                self.assertEqual(props["TreatMissingData"], "notBreaching")
                self.assertTrue(props["AlarmDescription"])
        subscription = self.resource("AlarmTopicEmail", "AWS::SNS::Subscription")
        self.assertEqual(subscription["Condition"], "HasAlarmEmail")
        self.assertEqual(subscription["Properties"]["Endpoint"], {"Ref": "AlarmEmail"})
        self.assertEqual(self.template["Parameters"]["AlarmEmail"]["Default"], "")

    def test_the_codes_own_failure_metrics_have_alarms_in_the_stacks_namespace(self) -> None:
        custom = {
            a["Properties"]["MetricName"]: a["Properties"]
            for a in self.alarms().values()
            if a["Properties"].get("Namespace") == {"Fn::Sub": "Parley/${AWS::StackName}"}
        }
        self.assertEqual(set(custom), {"FanoutFailures", "Throttles", "RedisErrors", "DynamoDbErrors"})
        self.assertLessEqual(set(custom), metric_names_in_code())
        self.assertEqual(
            self.template["Globals"]["Function"]["Environment"]["Variables"]["METRICS_NAMESPACE"],
            {"Fn::Sub": "Parley/${AWS::StackName}"},
        )

    def test_5xx_function_errors_and_throttles_and_table_throttles_are_watched(self) -> None:
        http = self.alarms()["HttpApi5xxAlarm"]["Properties"]
        self.assertEqual((http["Namespace"], http["MetricName"]), ("AWS/ApiGateway", "5xx"))
        for logical_id, metric in (("FunctionErrorsAlarm", "Errors"), ("FunctionThrottlesAlarm", "Throttles")):
            with self.subTest(alarm=logical_id):
                queries = self.alarms()[logical_id]["Properties"]["Metrics"]
                watched = {
                    q["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Ref"]
                    for q in queries
                    if "MetricStat" in q and q["MetricStat"]["Metric"]["MetricName"] == metric
                }
                self.assertEqual(watched, set(FUNCTIONS), "every function, summed")
        table = self.alarms()["TableThrottlesAlarm"]["Properties"]["Metrics"]
        names = {q["MetricStat"]["Metric"]["MetricName"] for q in table if "MetricStat" in q}
        self.assertEqual(names, {"ReadThrottleEvents", "WriteThrottleEvents"})
        self.assertIn("SearchIndexDeadLetterAlarm", self.alarms())

    def test_the_dashboard_is_valid_json_naming_the_stacks_metrics(self) -> None:
        body, names = self.resource("Dashboard", "AWS::CloudWatch::Dashboard")["Properties"]["DashboardBody"]["Fn::Sub"]
        self.assertIn("TableNameInUse", names)
        widgets = json.loads(re.sub(r"\$\{[^}]+\}", "X", body))["widgets"]
        titles = {w["properties"]["title"] for w in widgets}
        self.assertIn("Messages and deliveries", titles)
        self.assertIn("Failures", titles)

    def test_http_access_logs_carry_the_request_id_the_functions_log(self) -> None:
        stage = self.resource("HttpApiStage", "AWS::ApiGatewayV2::Stage")["Properties"]
        settings = stage["AccessLogSettings"]
        self.assertEqual(settings["DestinationArn"], {"Fn::GetAtt": ["HttpApiAccessLogGroup", "Arn"]})
        self.assertIn('"requestId":"$context.requestId"', settings["Format"])
        json.loads(settings["Format"])
        group = self.resource("HttpApiAccessLogGroup", "AWS::Logs::LogGroup")["Properties"]
        self.assertEqual(group["RetentionInDays"], {"Ref": "LogRetentionDays"})

    def test_tracing_and_reserved_concurrency_are_parameters(self) -> None:
        self.assertEqual(
            self.template["Globals"]["Function"]["Tracing"], {"Fn::If": ["UseTracing", "Active", "PassThrough"]}
        )
        reserved = {
            "RestFunction": ("ReserveRest", "RestReservedConcurrency"),
            "FanoutFunction": ("ReserveFanout", "FanoutReservedConcurrency"),
            "WsConnectFunction": ("ReserveWebSocket", "WebSocketReservedConcurrency"),
            "WsMessageFunction": ("ReserveWebSocket", "WebSocketReservedConcurrency"),
            "WsDisconnectFunction": ("ReserveWebSocket", "WebSocketReservedConcurrency"),
        }
        for logical_id, (condition, parameter) in reserved.items():
            with self.subTest(function=logical_id):
                self.assertEqual(
                    self.function_props(logical_id)["ReservedConcurrentExecutions"],
                    {"Fn::If": [condition, {"Ref": parameter}, {"Ref": "AWS::NoValue"}]},
                )
                self.assertEqual(self.template["Parameters"][parameter]["Default"], 0)


if __name__ == "__main__":
    unittest.main()
