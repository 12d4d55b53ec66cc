"""The WebSocket API and the HTTP API: routes, stages and who may invoke what."""

from __future__ import annotations

import unittest

from template_support import HTTP_ROUTES, TemplateTestCase, WS_ROUTES, as_list, referenced_id


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


if __name__ == "__main__":
    unittest.main()
