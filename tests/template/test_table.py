"""The single table: keys, indexes, TTL, billing and recovery."""

from __future__ import annotations

import os
import re
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


    def test_a_restored_or_kept_table_can_be_adopted_instead_of_created(self) -> None:
        self.assertEqual(self.table["Condition"], "CreateTable")
        conditions = self.template["Conditions"]
        self.assertEqual(conditions["CreateTable"], {"Fn::Equals": [{"Ref": "ExistingTableName"}, ""]})
        self.assertEqual(conditions["UseExistingTable"], {"Fn::Not": [{"Fn::Equals": [{"Ref": "ExistingTableName"}, ""]}]})
        rule = self.template["Rules"]["ExistingTableNeedsStream"]
        self.assertEqual(rule["Assertions"][0]["Assert"], {"Fn::Not": [{"Fn::Equals": [{"Ref": "ExistingTableStreamArn"}, ""]}]})
        # Nothing names the created table outside a choice between it and the existing one.
        bare: list[str] = []

        def walk(value: object, path: str, chosen: bool) -> None:
            if isinstance(value, dict):
                if value.get("Fn::If", [None])[0] == "UseExistingTable":
                    chosen = True
                if not chosen and (value.get("Ref") == "Table" or str(value.get("Fn::GetAtt", [""])[0]) == "Table"):
                    bare.append(path)
                for key, inner in value.items():
                    walk(inner, f"{path}/{key}", chosen)
            elif isinstance(value, list):
                for i, inner in enumerate(value):
                    walk(inner, f"{path}/{i}", chosen)
            elif isinstance(value, str) and re.search(r"\$\{Table[.}]", value) and not chosen:
                bare.append(path)

        for section in ("Resources", "Outputs", "Globals"):
            walk(self.template.get(section, {}), section, False)
        self.assertEqual(bare, [])

if __name__ == "__main__":
    unittest.main()
