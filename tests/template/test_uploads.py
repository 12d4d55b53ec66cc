"""The uploads bucket: private and encrypted, TLS only, CORS for the app alone, lifecycle rules
for abandoned uploads and deleted files, reached by the REST function only (per key prefix), and
allowed by the app's CSP exactly where the browser needs it."""

from __future__ import annotations

import re
import unittest

from template_support import FUNCTIONS, ROOT, UPLOADS_ORIGIN, WS_ORIGIN, TemplateTestCase, as_list, referenced_id

BUCKET = "UploadsBucket"
# shared/blobs/src/lib.rs DELETED_TAG
DELETED_TAG = ("parley-deleted", "true")
# What the REST function may do, per key prefix of shared/blobs/src/keys.rs.
S3_GRANTS = {
    "s3:putobject": {"pending", "files", "thumbs", "avatars"},
    "s3:getobject": {"pending", "files", "thumbs", "avatars"},
    "s3:putobjecttagging": {"files", "thumbs", "avatars"},
    "s3:deleteobject": {"pending", "files", "thumbs"},
}
CORS_HEADERS = {
    "content-type",
    "x-amz-checksum-sha256",
    "x-amz-sdk-checksum-algorithm",
    "x-amz-content-sha256",
}


def object_arn(prefix: str) -> dict:
    return {"Fn::Sub": f"${{{BUCKET}.Arn}}/{prefix}/*"}


class UploadsBucketTests(TemplateTestCase):
    def setUp(self) -> None:
        self.bucket = self.resource(BUCKET, "AWS::S3::Bucket")
        self.props = self.bucket["Properties"]

    def test_private_and_encrypted(self) -> None:
        self.assertEqual(
            self.props["PublicAccessBlockConfiguration"],
            {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
        )
        self.assertEqual(
            self.props["OwnershipControls"], {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        )
        self.assertEqual(
            self.props["BucketEncryption"]["ServerSideEncryptionConfiguration"],
            [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": True}],
        )
        self.assertNotIn("AccessControl", self.props)
        self.assertNotIn("WebsiteConfiguration", self.props)
        # Without versioning an expired object is gone, not kept as a noncurrent version.
        self.assertNotIn("VersioningConfiguration", self.props)

    def test_kept_when_the_stack_is_deleted_like_the_table(self) -> None:
        self.assertEqual(self.bucket.get("DeletionPolicy"), "Retain")
        self.assertEqual(self.bucket.get("UpdateReplacePolicy"), "Retain")

    def test_policy_denies_every_request_without_tls_and_allows_nothing(self) -> None:
        policies = [
            p["Properties"]["PolicyDocument"]
            for p in self.of_type("AWS::S3::BucketPolicy").values()
            if referenced_id(p["Properties"]["Bucket"]) == BUCKET
        ]
        self.assertEqual(len(policies), 1)
        self.assertEqual(
            policies[0]["Statement"],
            [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [{"Fn::GetAtt": [BUCKET, "Arn"]}, {"Fn::Sub": f"${{{BUCKET}.Arn}}/*"}],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        )

    def test_cors_for_the_apps_origin_only(self) -> None:
        rules = self.props["CorsConfiguration"]["CorsRules"]
        self.assertEqual(len(rules), 1)
        rule = rules[0]
        # The app's origin exactly as BASE_URL names it (PublicUrl, the custom domain or the
        # distribution), never a wildcard.
        base_url = self.function_props("RestFunction")["Environment"]["Variables"]["BASE_URL"]
        self.assertEqual(rule["AllowedOrigins"], [base_url])
        self.assertEqual(set(rule["AllowedMethods"]), {"PUT", "GET", "HEAD"})
        self.assertEqual(len(rule["AllowedMethods"]), 3)
        self.assertEqual(set(rule["AllowedHeaders"]), CORS_HEADERS)
        self.assertEqual(len(rule["AllowedHeaders"]), len(CORS_HEADERS))
        self.assertEqual(rule["ExposedHeaders"], ["ETag"])
        self.assertEqual(rule["MaxAge"], 3000)

    def test_lifecycle_rules(self) -> None:
        rules = self.props["LifecycleConfiguration"]["Rules"]
        for rule in rules:
            self.assertEqual(rule["Status"], "Enabled", rule)
            self.assertNotIn("Transitions", rule)
        with self.subTest(rule="abandoned uploads expire after a day"):
            pending = [r for r in rules if r.get("Prefix") == "pending/"]
            self.assertEqual(len(pending), 1)
            self.assertEqual(pending[0]["ExpirationInDays"], 1)
            self.assertNotIn("TagFilters", pending[0])
        with self.subTest(rule="tagged files of deleted messages expire after 7 days"):
            tagged = [r for r in rules if r.get("TagFilters")]
            self.assertEqual(len(tagged), 1)
            self.assertEqual(tagged[0]["TagFilters"], [{"Key": DELETED_TAG[0], "Value": DELETED_TAG[1]}])
            self.assertEqual(tagged[0]["ExpirationInDays"], 7)
            self.assertNotIn("Prefix", tagged[0], "the tag applies to every prefix")
        with self.subTest(rule="incomplete multipart uploads are aborted after a day"):
            aborts = [r for r in rules if "AbortIncompleteMultipartUpload" in r]
            self.assertEqual(len(aborts), 1)
            self.assertEqual(aborts[0]["AbortIncompleteMultipartUpload"], {"DaysAfterInitiation": 1})
            self.assertNotIn("Prefix", aborts[0])
            self.assertNotIn("TagFilters", aborts[0])
            self.assertNotIn("ExpirationInDays", aborts[0])
        self.assertEqual(len(rules), 3, "no other rule")

    def test_tag_and_prefixes_are_the_rust_codes(self) -> None:
        lib = (ROOT / "shared/blobs/src/lib.rs").read_text(encoding="utf-8")
        tag = re.search(r'DELETED_TAG: \(&str, &str\) = \("([^"]+)", "([^"]+)"\)', lib)
        self.assertIsNotNone(tag, "DELETED_TAG not found in shared/blobs/src/lib.rs")
        self.assertEqual(tag.groups(), DELETED_TAG)
        keys = (ROOT / "shared/blobs/src/keys.rs").read_text(encoding="utf-8")
        prefixes = set(re.findall(r'format!\("([a-z]+)/', keys))
        self.assertEqual(prefixes, set().union(*S3_GRANTS.values()))

    def test_output(self) -> None:
        self.assertEqual(self.template["Outputs"]["UploadsBucketName"]["Value"], {"Ref": BUCKET})


class UploadsAccessTests(TemplateTestCase):
    def test_only_rest_is_told_the_bucket(self) -> None:
        globals_env = self.template.get("Globals", {}).get("Function", {}).get("Environment", {})
        self.assertNotIn("UPLOADS_BUCKET", globals_env.get("Variables", {}))
        for logical_id in FUNCTIONS:
            with self.subTest(function=logical_id):
                env = self.function_props(logical_id)["Environment"]["Variables"]
                # S3_ENDPOINT is for a local stand-in only.
                self.assertNotIn("S3_ENDPOINT", env)
                if logical_id == "RestFunction":
                    self.assertEqual(env["UPLOADS_BUCKET"], {"Ref": BUCKET})
                else:
                    self.assertNotIn("UPLOADS_BUCKET", env)

    def test_rest_gets_exactly_the_object_actions_per_prefix(self) -> None:
        granted: dict[str, list] = {}
        for statement in self.statements("RestFunction"):
            actions = [str(a).lower() for a in as_list(statement.get("Action"))]
            if not any(a.startswith("s3:") for a in actions):
                continue
            self.assertEqual(statement["Effect"], "Allow")
            self.assertNotIn("Condition", statement)
            for action in actions:
                granted.setdefault(action, []).extend(as_list(statement["Resource"]))
        # ListBucket on the bucket itself, so that a missing key answers 404 rather than 403.
        self.assertEqual(granted.pop("s3:listbucket", None), [{"Fn::GetAtt": [BUCKET, "Arn"]}])
        self.assertEqual(set(granted), set(S3_GRANTS), "no other S3 action (no *)")
        for action, prefixes in S3_GRANTS.items():
            with self.subTest(action=action):
                resources = granted[action]
                self.assertEqual(len(resources), len(prefixes), f"{action}: {resources}")
                self.assertCountEqual(resources, [object_arn(p) for p in sorted(prefixes)])

    def test_no_other_function_touches_the_bucket(self) -> None:
        for logical_id in FUNCTIONS:
            if logical_id == "RestFunction":
                continue
            with self.subTest(function=logical_id):
                s3 = [
                    s
                    for s in self.statements(logical_id)
                    if any(str(a).lower().startswith("s3:") for a in as_list(s.get("Action")))
                ]
                # Only migrate writes to S3, and only into the operator's export bucket.
                for statement in s3:
                    self.assertEqual(logical_id, "MigrateFunction")
                    self.assertEqual(statement["Resource"], {"Fn::Sub": "arn:${AWS::Partition}:s3:::${ExportBucketName}/*"})
                self.assertNotIn(BUCKET, repr(self.resources[logical_id]))


class UploadsCspTests(TemplateTestCase):
    def test_csp_allows_exactly_the_bucket_origin_for_the_put_and_images(self) -> None:
        directives, variables = self.csp()
        # The name the CSP builds its origin from is the bucket's own name (its
        # RegionalDomainName is https://{name}.s3.{region}.amazonaws.com).
        name = self.resource(BUCKET, "AWS::S3::Bucket")["Properties"]["BucketName"]
        self.assertEqual(variables.get("UploadsBucketName"), name)
        self.assertEqual(UPLOADS_ORIGIN, "https://${UploadsBucketName}.s3.${AWS::Region}.amazonaws.com")
        self.assertEqual(directives["connect-src"], ["'self'", WS_ORIGIN, UPLOADS_ORIGIN])
        self.assertEqual(directives["img-src"], ["'self'", "data:", "blob:", UPLOADS_ORIGIN])
        for name, sources in directives.items():
            if name not in ("connect-src", "img-src"):
                with self.subTest(directive=name):
                    self.assertFalse([s for s in sources if "s3" in s or "Uploads" in s])

    def test_bucket_name_is_the_stacks_guid(self) -> None:
        # Lower case and globally unique; fixed before the bucket exists, so the CSP can use it.
        name = self.resource(BUCKET, "AWS::S3::Bucket")["Properties"]["BucketName"]
        guid = {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]}
        self.assertEqual(name, {"Fn::Join": ["", ["parley-uploads-", guid]]})


if __name__ == "__main__":
    unittest.main()
