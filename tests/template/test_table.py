"""The single table: keys, indexes, TTL, billing and recovery."""

from __future__ import annotations

import os
import tomllib
import unittest

from template_support import TemplateTestCase


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

    def test_deletion_protection_is_a_parameter_on_by_default_and_in_prod(self) -> None:
        parameter = self.template["Parameters"]["DeletionProtection"]
        self.assertEqual(parameter["Default"], "true")
        self.assertEqual(self.props["DeletionProtectionEnabled"], {"Fn::If": ["ProtectTable", True, False]})
        self.assertEqual(
            self.template["Conditions"]["ProtectTable"], {"Fn::Equals": [{"Ref": "DeletionProtection"}, "true"]}
        )
        with open(os.path.join(os.path.dirname(__file__), "..", "..", "samconfig.toml"), "rb") as f:
            config = tomllib.load(f)
        overrides = config["prod"]["deploy"]["parameters"]["parameter_overrides"].split()
        self.assertIn("DeletionProtection=true", overrides)
        self.assertEqual(config["prod"]["global"]["parameters"]["stack_name"], "parley")
        self.assertEqual(config["dev"]["global"]["parameters"]["stack_name"], "parley-dev")


if __name__ == "__main__":
    unittest.main()
