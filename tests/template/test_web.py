"""The web app behind CloudFront: bucket, behaviours, security headers, CSP and outputs."""

from __future__ import annotations

import unittest
import uuid

from template_support import ALL_VIEWER_EXCEPT_HOST_HEADER, CACHING_DISABLED, UPLOADS_ORIGIN, WS_ORIGIN, TemplateTestCase, if_branches, referenced_id


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

    def test_the_apps_csp_allows_its_own_files_websocket_and_uploads_only(self) -> None:
        policy = self.of_type("AWS::CloudFront::ResponseHeadersPolicy")
        headers = next(iter(policy.values()))["Properties"]["ResponseHeadersPolicyConfig"][
            "SecurityHeadersConfig"
        ]
        # The API's own, stricter CSP stays on its answers.
        self.assertIs(headers["ContentSecurityPolicy"]["Override"], False)
        directives, _ = self.csp()
        self.assertEqual(directives["default-src"], ["'self'"])
        self.assertEqual(directives["script-src"], ["'self'"])
        self.assertEqual(directives["frame-ancestors"], ["'none'"])
        self.assertEqual(directives["object-src"], ["'none'"])
        # The uploads bucket's origin: test_uploads pins it.
        self.assertEqual(directives["connect-src"], ["'self'", WS_ORIGIN, UPLOADS_ORIGIN])
        sources = {s for values in directives.values() for s in values}
        self.assertNotIn("'unsafe-inline'", sources)
        self.assertNotIn("'unsafe-eval'", sources)

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


if __name__ == "__main__":
    unittest.main()


class CloudFrontNameTests(TemplateTestCase):
    """CloudFront names are global and short (an origin access control or a function: 64
    characters; a response headers policy: 128): they must fit whatever the stack is called."""

    LIMITS = {
        ("WebOriginAccessControl", "OriginAccessControlConfig"): 64,
        ("SpaRewriteFunction", None): 64,
        ("SecurityHeadersPolicy", "ResponseHeadersPolicyConfig"): 128,
    }

    def evaluate(self, value, stack_name: str):
        """A name as CloudFormation makes it, for a stack of this name in ap-southeast-2."""
        guid = uuid.uuid5(uuid.NAMESPACE_DNS, stack_name)
        stack_id = f"arn:aws:cloudformation:ap-southeast-2:123456789012:stack/{stack_name}/{guid}"
        refs = {"AWS::StackName": stack_name, "AWS::Region": "ap-southeast-2", "AWS::StackId": stack_id}
        if isinstance(value, str):
            return value
        (fn, arg), = value.items()
        if fn == "Ref":
            return refs[arg]
        if fn == "Fn::Select":
            return self.evaluate(arg[1], stack_name)[int(arg[0])]
        if fn == "Fn::Split":
            return self.evaluate(arg[1], stack_name).split(arg[0])
        if fn == "Fn::Sub":
            text, names = (arg, {}) if isinstance(arg, str) else arg
            values = {**refs, **{k: self.evaluate(v, stack_name) for k, v in names.items()}}
            for key, val in values.items():
                text = text.replace("${" + key + "}", val)
            self.assertNotIn("${", text)
            return text
        raise AssertionError(f"cannot evaluate {fn}")

    def test_names_fit_for_the_longest_stack_name(self) -> None:
        longest = "p" * 128
        for (logical_id, config), limit in self.LIMITS.items():
            props = self.resources[logical_id]["Properties"]
            name = (props[config] if config else props)["Name"]
            with self.subTest(resource=logical_id):
                made = self.evaluate(name, longest)
                self.assertLessEqual(len(made), limit, made)
                self.assertNotEqual(made, self.evaluate(name, "another-stack"), "names must differ per stack")
