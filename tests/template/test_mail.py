"""Mail: the sender's SES identity, made by the stack only when asked, and its DKIM records."""

from __future__ import annotations

import unittest

from template_support import TemplateTestCase


class MailTests(TemplateTestCase):
    def test_the_identity_is_made_only_when_asked_and_for_the_named_sender(self) -> None:
        params = self.template["Parameters"]
        self.assertEqual(params["SesCreateIdentity"]["Default"], "false", "an existing identity would clash")
        self.assertIn("sandbox", params["SesCreateIdentity"]["Description"])
        identity = self.resource("SesIdentity", "AWS::SES::EmailIdentity")
        self.assertEqual(identity["Condition"], "CreateSesIdentity")
        self.assertEqual(identity["Properties"]["EmailIdentity"], {"Ref": "SesSenderIdentity"})
        conditions = self.template["Conditions"]
        self.assertEqual(
            conditions["CreateSesIdentity"],
            {"Fn::And": [{"Condition": "HasSesSender"}, {"Fn::Equals": [{"Ref": "SesCreateIdentity"}, "true"]}]},
        )

    def test_dkim_records_are_an_output_for_a_domain_only(self) -> None:
        output = self.template["Outputs"]["SesDkimRecords"]
        self.assertEqual(output["Condition"], "CreateSesDomainIdentity")
        domain_only = self.template["Conditions"]["CreateSesDomainIdentity"]["Fn::And"]
        self.assertIn({"Condition": "CreateSesIdentity"}, domain_only)
        text = output["Value"]["Fn::Sub"]
        for n in (1, 2, 3):
            self.assertIn(f"${{SesIdentity.DkimDNSTokenName{n}}} CNAME ${{SesIdentity.DkimDNSTokenValue{n}}}", text)


if __name__ == "__main__":
    unittest.main()
