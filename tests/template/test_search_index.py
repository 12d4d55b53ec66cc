"""The search index: the table's stream, SearchIndexFunction and the mapping that feeds it the
message rows, its dead-letter queue, and what its role may do."""

from __future__ import annotations

import json
import re
import unittest

from template_support import (
    FORBIDDEN_ACTIONS,
    FUNCTIONS,
    ROOT,
    STREAM_POLICY_ARN,
    TABLE_ARN,
    TABLE_NAME,
    TABLE_STREAM_ARN,
    TemplateTestCase,
    as_list,
)

FUNCTION = "SearchIndexFunction"
QUEUE = "SearchIndexDeadLetterQueue"
STREAM_ARN = STREAM_POLICY_ARN
QUEUE_ARN = {"Fn::GetAtt": [QUEUE, "Arn"]}
ITEM_ACTIONS = {
    "dynamodb:getitem",
    "dynamodb:query",
    "dynamodb:putitem",
    "dynamodb:updateitem",
    "dynamodb:deleteitem",
    "dynamodb:batchgetitem",
    "dynamodb:batchwriteitem",
}
STREAM_ACTIONS = {
    "dynamodb:describestream",
    "dynamodb:getrecords",
    "dynamodb:getsharditerator",
    "dynamodb:liststreams",
}


def rust_prefix(name: str) -> str:
    """A key prefix constant of shared/store/src/keys.rs, e.g. MSG_PREFIX -> "MSG#"."""
    keys = (ROOT / "shared" / "store" / "src" / "keys.rs").read_text(encoding="utf-8")
    found = re.search(rf'pub const {name}: &str = "([^"]*)";', keys)
    assert found, f"{name} is not in keys.rs"
    return found.group(1)


class SearchIndexTests(TemplateTestCase):
    def mapping(self) -> dict:
        mappings = self.of_type("AWS::Lambda::EventSourceMapping")
        self.assertEqual(list(mappings), ["SearchIndexStreamMapping"])
        return mappings["SearchIndexStreamMapping"]["Properties"]

    def test_the_table_streams_both_images(self) -> None:
        props = self.resource("Table", "AWS::DynamoDB::Table")["Properties"]
        self.assertEqual(props["StreamSpecification"], {"StreamViewType": "NEW_AND_OLD_IMAGES"})

    def test_the_function_logs_to_its_own_group_and_knows_no_oidc_mail_or_files(self) -> None:
        self.assertEqual(FUNCTIONS[FUNCTION], "search-index")
        props = self.function_props(FUNCTION)
        group_id = props["LoggingConfig"]["LogGroup"]["Ref"]
        group = self.resource(group_id, "AWS::Logs::LogGroup")["Properties"]
        self.assertEqual(group["LogGroupName"], {"Fn::Sub": "/aws/lambda/${AWS::StackName}-search-index"})
        self.assertEqual(group["RetentionInDays"], {"Ref": "LogRetentionDays"})
        env = props["Environment"]["Variables"]
        self.assertEqual(env["DYNAMODB_TABLE"], TABLE_NAME)
        for unneeded in ("SES_SENDER", "FANOUT_FUNCTION", "UPLOADS_BUCKET", "EDGE_SECRET", "OIDC_ISSUER"):
            self.assertNotIn(unneeded, env)

    def test_the_stream_invokes_it_as_lambda_retries_stream_batches(self) -> None:
        mapping = self.mapping()
        self.assertEqual(mapping["FunctionName"], {"Ref": FUNCTION})
        self.assertEqual(mapping["EventSourceArn"], TABLE_STREAM_ARN)
        self.assertEqual(mapping["StartingPosition"], "TRIM_HORIZON")
        self.assertEqual(mapping["BatchSize"], 100)
        self.assertEqual(mapping["MaximumBatchingWindowInSeconds"], 1)
        self.assertEqual(mapping["FunctionResponseTypes"], ["ReportBatchItemFailures"])
        self.assertIs(mapping["BisectBatchOnFunctionError"], True)
        self.assertEqual(mapping["MaximumRetryAttempts"], 5)
        self.assertEqual(mapping["MaximumRecordAgeInSeconds"], 86400)

    def test_only_message_and_reply_rows_invoke_it(self) -> None:
        filters = self.mapping()["FilterCriteria"]["Filters"]
        self.assertEqual(len(filters), 1)
        pattern = json.loads(filters[0]["Pattern"])
        self.assertEqual(
            pattern,
            {"dynamodb": {"Keys": {"SK": {"S": [{"prefix": "MSG#"}, {"prefix": "RPL#"}]}}}},
        )
        # The same prefixes as the store's keys, which the local gateway's filter uses.
        self.assertEqual(
            [p["prefix"] for p in pattern["dynamodb"]["Keys"]["SK"]["S"]],
            [rust_prefix("MSG_PREFIX"), rust_prefix("REPLY_PREFIX")],
        )

    def test_what_it_gives_up_on_goes_to_an_encrypted_queue_kept_14_days(self) -> None:
        self.assertEqual(self.mapping()["DestinationConfig"], {"OnFailure": {"Destination": QUEUE_ARN}})
        queue = self.resource(QUEUE, "AWS::SQS::Queue")["Properties"]
        self.assertIs(queue.get("SqsManagedSseEnabled"), True)
        self.assertEqual(queue["MessageRetentionPeriod"], 14 * 24 * 3600)

    def test_no_sam_stream_event_which_would_grant_every_stream(self) -> None:
        """A SAM DynamoDB or Kinesis event attaches AWSLambdaDynamoDBExecutionRole (or the
        Kinesis one), whose Resource is "*": streams are mapped by hand instead."""
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                events = self.function_props(logical_id).get("Events") or {}
                kinds = {e.get("Type") for e in events.values()}
                self.assertEqual(kinds & {"DynamoDB", "Kinesis"}, set())

    def test_its_role_reads_and_writes_table_items_reads_its_stream_and_dead_letters(self) -> None:
        by_sid = {s["Sid"]: s for s in self.statements(FUNCTION)}
        self.assertEqual(set(by_sid), {"SearchIndexItems", "ReadTableStream", "DeadLetters"})
        for statement in by_sid.values():
            self.assertEqual(statement["Effect"], "Allow")
        actions = lambda sid: {str(a).lower() for a in as_list(by_sid[sid]["Action"])}  # noqa: E731
        self.assertEqual(actions("SearchIndexItems"), ITEM_ACTIONS)
        # The table only: the index's rows are in it, and no GSI is read.
        self.assertEqual(as_list(by_sid["SearchIndexItems"]["Resource"]), [TABLE_ARN])
        self.assertEqual(actions("ReadTableStream"), STREAM_ACTIONS)
        self.assertEqual(as_list(by_sid["ReadTableStream"]["Resource"]), [STREAM_ARN])
        self.assertEqual(actions("DeadLetters"), {"sqs:sendmessage"})
        self.assertEqual(as_list(by_sid["DeadLetters"]["Resource"]), [QUEUE_ARN])
        every = self.allowed_actions(FUNCTION)
        self.assertEqual(every, ITEM_ACTIONS | STREAM_ACTIONS | {"sqs:sendmessage"})
        self.assertEqual(every & FORBIDDEN_ACTIONS, set())
        self.assertFalse([a for a in every if "*" in a], f"wildcard action in {every}")

    def test_only_the_search_index_reads_the_stream_or_sends_to_the_queue(self) -> None:
        for logical_id in FUNCTIONS:
            if logical_id == FUNCTION:
                continue
            with self.subTest(function=logical_id):
                actions = self.allowed_actions(logical_id)
                self.assertEqual(actions & STREAM_ACTIONS, set())
                self.assertFalse([a for a in actions if a.startswith("sqs:")])


if __name__ == "__main__":
    unittest.main()
