"""Redis choices (RedisMode): an external rediss:// URL by default, or a VPC of the stack's own
with an ElastiCache for Valkey replication group (cluster mode disabled: Parley's multi-key
transactions and scripts need one shard), one NAT gateway, free gateway endpoints and optional
interface endpoints. The tests evaluate the template's Conditions and Rules for given parameter
values, so they pin which resources exist in each mode, not only how they are written."""

from __future__ import annotations

import re
import unittest
from typing import Any

from template_support import FUNCTIONS, SECRETS_OF, TemplateTestCase, as_list

CACHE_URL = {"Fn::Sub": "rediss://${Cache.PrimaryEndPoint.Address}:${Cache.PrimaryEndPoint.Port}"}
PRIVATE_SUBNETS = [{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}]
STACK_VPC_CONFIG = {"SubnetIds": PRIVATE_SUBNETS, "SecurityGroupIds": [{"Ref": "FunctionSecurityGroup"}]}
NETWORK_TYPES = ("AWS::EC2::", "AWS::ElastiCache::")
EXTERNAL = {"RedisUrl": "rediss://default:secret@redis.example.com:6380"}
ELASTICACHE = {"RedisMode": "elasticache"}
WITH_REPLICA = {"RedisMode": "elasticache", "CacheReplicas": "1"}
WITH_ENDPOINTS = {"RedisMode": "elasticache", "VpcInterfaceEndpoints": "create"}


class RedisTests(TemplateTestCase):
    # -- evaluating the template for given parameter values -----------------------------------

    def parameters(self, **given: str) -> dict[str, Any]:
        values = {}
        for name, spec in self.template["Parameters"].items():
            value = given.get(name, spec.get("Default", ""))
            if spec["Type"] == "CommaDelimitedList":
                value = str(value).split(",")
            values[name] = value
        return values

    def evaluate(self, expr: Any, params: dict[str, Any]) -> Any:
        """A Condition or Rule expression (Equals, Not, And, Or, Condition, Ref, Join,
        EachMemberEquals) for these parameter values."""
        if not isinstance(expr, dict):
            return expr
        (fn, arg), = expr.items()
        if fn == "Ref":
            return params[arg]
        if fn == "Condition":
            return self.evaluate(self.template["Conditions"][arg], params)
        if fn == "Fn::Equals":
            left, right = (self.evaluate(a, params) for a in arg)
            return str(left) == str(right)
        if fn == "Fn::Not":
            return not self.evaluate(arg[0], params)
        if fn == "Fn::And":
            return all(self.evaluate(a, params) for a in arg)
        if fn == "Fn::Or":
            return any(self.evaluate(a, params) for a in arg)
        if fn == "Fn::Join":
            return arg[0].join(as_list(self.evaluate(arg[1], params)))
        if fn == "Fn::EachMemberEquals":
            return all(member == arg[1] for member in self.evaluate(arg[0], params))
        raise AssertionError(f"cannot evaluate {fn}")

    def conditions(self, **given: str) -> dict[str, bool]:
        params = self.parameters(**given)
        return {name: self.evaluate(expr, params) for name, expr in self.template["Conditions"].items()}

    def resolve(self, value: Any, conditions: dict[str, bool]) -> Any:
        """A value with every Fn::If decided (None for AWS::NoValue)."""
        if isinstance(value, dict):
            if list(value) == ["Fn::If"]:
                name, yes, no = value["Fn::If"]
                return self.resolve(yes if conditions[name] else no, conditions)
            if value == {"Ref": "AWS::NoValue"}:
                return None
            return {k: self.resolve(v, conditions) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, conditions) for v in value]
        return value

    def existing(self, **given: str) -> dict[str, dict]:
        """The resources CloudFormation creates for these parameter values."""
        conditions = self.conditions(**given)
        return {k: v for k, v in self.resources.items() if conditions.get(v.get("Condition"), True)}

    def broken_rules(self, **given: str) -> set[str]:
        params = self.parameters(**given)
        broken = set()
        for name, rule in self.template["Rules"].items():
            if self.evaluate(rule.get("RuleCondition", True), params):
                if not all(self.evaluate(a["Assert"], params) for a in rule["Assertions"]):
                    broken.add(name)
        return broken

    def network(self, resources: dict[str, dict]) -> set[str]:
        return {k for k, v in resources.items() if v["Type"].startswith(NETWORK_TYPES)}

    def route_table_of(self, subnet: str) -> str:
        tables = [
            a["Properties"]["RouteTableId"]["Ref"]
            for a in self.of_type("AWS::EC2::SubnetRouteTableAssociation").values()
            if a["Properties"]["SubnetId"] == {"Ref": subnet}
        ]
        self.assertEqual(len(tables), 1, f"{subnet} needs exactly one route table")
        return tables[0]

    def default_route_of(self, table: str) -> dict:
        routes = [
            r["Properties"]
            for r in self.of_type("AWS::EC2::Route").values()
            if r["Properties"]["RouteTableId"] == {"Ref": table}
            and r["Properties"].get("DestinationCidrBlock") == "0.0.0.0/0"
        ]
        self.assertEqual(len(routes), 1, f"{table} needs exactly one default route")
        return routes[0]

    # -- parameters, rules and conditions ------------------------------------------------------

    def test_the_mode_is_a_parameter_defaulting_to_the_external_url(self) -> None:
        params = self.template["Parameters"]
        self.assertEqual(params["RedisMode"]["Default"], "external")
        self.assertEqual(sorted(params["RedisMode"]["AllowedValues"]), ["elasticache", "external"])
        self.assertEqual(params["VpcInterfaceEndpoints"]["Default"], "none")
        self.assertEqual(sorted(params["VpcInterfaceEndpoints"]["AllowedValues"]), ["create", "none"])
        url = params["RedisUrl"]
        self.assertIs(url["NoEcho"], True)
        self.assertEqual(url["Default"], "")
        for value, ok in (("", True), ("rediss://u:p@h:6380", True), ("redis://h:6379", False)):
            with self.subTest(url=value):
                self.assertEqual(bool(re.fullmatch(url["AllowedPattern"], value)), ok)
        self.assertEqual(params["CacheNodeType"]["Default"], "cache.t4g.micro")
        for node_type in params["CacheNodeType"]["AllowedValues"]:
            with self.subTest(node_type=node_type):
                self.assertRegex(node_type, r"^cache\.(t4g|m7g)\.\w+$")
        self.assertEqual(params["CacheReplicas"]["Default"], 0)
        self.assertEqual(params["CacheReplicas"]["AllowedValues"], [0, 1])
        cidr = params["VpcCidr"]
        for value, ok in ((cidr["Default"], True), ("10.0.0.0/18", True), ("10.0.0.0/24", False), ("10.0.0/16", False)):
            with self.subTest(cidr=value):
                self.assertEqual(bool(re.fullmatch(cidr["AllowedPattern"], value)), ok)

    def test_costs_are_written_next_to_the_parameters_that_cost(self) -> None:
        for name in ("RedisMode", "VpcInterfaceEndpoints", "CacheNodeType", "CacheReplicas"):
            with self.subTest(parameter=name):
                self.assertRegex(self.template["Parameters"][name]["Description"], r"\$\d")
        self.assertIn("list prices", self.template["Parameters"]["RedisMode"]["Description"])

    def test_every_redis_parameter_is_in_the_consoles_redis_group(self) -> None:
        groups = self.template["Metadata"]["AWS::CloudFormation::Interface"]["ParameterGroups"]
        grouped = [p for g in groups for p in g["Parameters"]]
        self.assertEqual(sorted(grouped), sorted(set(grouped)), "a parameter is in two groups")
        self.assertEqual(set(grouped), set(self.template["Parameters"]))
        redis = next(g["Parameters"] for g in groups if g["Label"]["default"].startswith("Redis"))
        self.assertEqual(
            set(redis),
            {"RedisMode", "RedisUrl", "CacheNodeType", "CacheReplicas", "VpcCidr", "VpcInterfaceEndpoints"},
        )

    def test_rules_require_the_url_only_where_it_is_used(self) -> None:
        self.assertEqual(self.broken_rules(), {"ExternalRedisNeedsUrl"})
        self.assertEqual(self.broken_rules(**EXTERNAL), set())
        self.assertEqual(self.broken_rules(**ELASTICACHE), set())
        # Ignored, not refused, with elasticache: a switch back needs no new secret.
        self.assertEqual(self.broken_rules(**ELASTICACHE, **EXTERNAL), set())
        self.assertEqual(self.broken_rules(**WITH_ENDPOINTS), set())
        self.assertEqual(self.broken_rules(**WITH_REPLICA), set())

    def test_rules_refuse_choices_that_contradict_the_mode(self) -> None:
        own_vpc = {"VpcSubnetIds": "subnet-1,subnet-2", "VpcSecurityGroupIds": "sg-1"}
        self.assertEqual(self.broken_rules(**EXTERNAL, **own_vpc), set())
        self.assertEqual(self.broken_rules(**ELASTICACHE, **own_vpc), {"ElastiCacheBringsItsOwnVpc"})
        self.assertEqual(
            self.broken_rules(**EXTERNAL, VpcInterfaceEndpoints="create"), {"InterfaceEndpointsNeedTheStacksVpc"}
        )

    # -- what exists in each mode --------------------------------------------------------------

    def test_the_default_creates_no_vpc_cache_nat_or_endpoint(self) -> None:
        self.assertEqual(self.network(self.existing(**EXTERNAL)), set())
        # The bring-your-own VPC creates nothing either: the functions join the given subnets.
        self.assertEqual(self.network(self.existing(**EXTERNAL, VpcSubnetIds="subnet-1", VpcSecurityGroupIds="sg-1")), set())
        for alarm in ("CacheMemoryAlarm", "CacheCpuAlarm"):
            self.assertNotIn(alarm, self.existing(**EXTERNAL))

    def test_elasticache_creates_the_network_and_the_cache_and_endpoints_only_when_asked(self) -> None:
        created = self.network(self.existing(**ELASTICACHE))
        types = {self.resources[k]["Type"] for k in created}
        for wanted in ("VPC", "Subnet", "InternetGateway", "NatGateway", "EIP", "RouteTable", "SecurityGroup", "VPCEndpoint"):
            self.assertIn(f"AWS::EC2::{wanted}", types)
        self.assertIn("AWS::ElastiCache::ReplicationGroup", types)
        self.assertIn("AWS::ElastiCache::SubnetGroup", types)
        # Serverless is always cluster mode, which Parley's Redis calls do not follow yet.
        self.assertEqual(self.of_type("AWS::ElastiCache::ServerlessCache"), {})
        self.assertEqual(self.network(self.existing(**WITH_REPLICA)), created, "a replica is a property, not a resource")
        interface = {k for k in created if self.resources[k]["Properties"].get("VpcEndpointType") == "Interface"}
        self.assertEqual(interface, set(), "interface endpoints cost per AZ-hour: only on request")
        more = self.network(self.existing(**WITH_ENDPOINTS)) - created
        self.assertEqual(more, {"EndpointSecurityGroup", "SecretsManagerEndpoint", "SesEndpoint", "LambdaEndpoint"})
        for logical_id in created:
            self.assertEqual(self.resources[logical_id]["Condition"], "UseElastiCache", logical_id)
        for logical_id in more:
            self.assertEqual(self.resources[logical_id]["Condition"], "CreateInterfaceEndpoints", logical_id)

    # -- the functions ---------------------------------------------------------------------------

    def test_every_function_runs_in_the_stacks_private_subnets_with_elasticache(self) -> None:
        modes = (
            (self.conditions(**ELASTICACHE), STACK_VPC_CONFIG),
            (self.conditions(**EXTERNAL), None),
            (
                self.conditions(**EXTERNAL, VpcSubnetIds="subnet-1", VpcSecurityGroupIds="sg-1"),
                {"SubnetIds": {"Ref": "VpcSubnetIds"}, "SecurityGroupIds": {"Ref": "VpcSecurityGroupIds"}},
            ),
        )
        for logical_id in FUNCTIONS:
            vpc = self.function_props(logical_id).get("VpcConfig")
            for conditions, wanted in modes:
                with self.subTest(function=logical_id, elasticache=conditions["UseElastiCache"], own=conditions["UseVpc"]):
                    self.assertEqual(self.resolve(vpc, conditions), wanted)

    def test_redis_url_is_the_caches_tls_endpoint_with_elasticache(self) -> None:
        """The functions that use Redis: the cache's endpoint (no password, not a secret) with
        elasticache; the Redis URL's secret with external. The others get neither."""
        for logical_id in FUNCTIONS:
            env = self.function_props(logical_id)["Environment"]["Variables"]
            url, secret = env.get("REDIS_URL"), env.get("REDIS_URL_SECRET_ARN")
            with self.subTest(function=logical_id):
                if "REDIS_URL" not in SECRETS_OF[logical_id]:
                    self.assertIsNone(url)
                    self.assertIsNone(secret)
                    continue
                for mode in (ELASTICACHE, WITH_REPLICA, {**ELASTICACHE, **EXTERNAL}):
                    conditions = self.conditions(**mode)
                    self.assertEqual(self.resolve(url, conditions), CACHE_URL)
                    self.assertIsNone(self.resolve(secret, conditions))
                conditions = self.conditions(**EXTERNAL)
                self.assertIsNone(self.resolve(url, conditions))
                self.assertEqual(self.resolve(secret, conditions), {"Ref": "RedisUrlSecret"})

    # -- the network -----------------------------------------------------------------------------

    def cache(self) -> dict:
        return self.resource("Cache", "AWS::ElastiCache::ReplicationGroup")["Properties"]

    def test_the_cache_is_one_valkey_shard_with_cluster_mode_disabled(self) -> None:
        """Multi-key MULTI/EXEC and Lua scripts over keys without hash tags work only when every
        key lives in one shard: cluster mode disabled, one node group, the default (non-cluster)
        parameter group."""
        cache = self.cache()
        self.assertEqual(cache["Engine"], "valkey")
        self.assertGreaterEqual(int(str(cache["EngineVersion"]).split(".")[0]), 8)
        self.assertEqual(cache["ClusterMode"], "Disabled")
        self.assertLessEqual(int(cache.get("NumNodeGroups", 1)), 1)
        for sharding in ("ReplicasPerNodeGroup", "NodeGroupConfiguration", "CacheParameterGroupName"):
            self.assertNotIn(sharding, cache, "one shard, the engine's default (cluster-off) parameters")
        self.assertEqual(cache["CacheNodeType"], {"Ref": "CacheNodeType"})

    def test_the_cache_speaks_tls_only_and_is_gated_by_its_security_group(self) -> None:
        cache = self.cache()
        self.assertIs(cache["TransitEncryptionEnabled"], True, "REDIS_URL is rediss://")
        self.assertEqual(cache.get("TransitEncryptionMode", "required"), "required", "no plain-text connections")
        self.assertIs(cache["AtRestEncryptionEnabled"], True)
        for password in ("AuthToken", "UserGroupIds"):
            self.assertNotIn(password, cache, "no password: the security group is the gate")
        self.assertEqual(cache["SecurityGroupIds"], [{"Ref": "CacheSecurityGroup"}])
        self.assertEqual(int(cache.get("Port", 6379)), 6379, "the port the security group opens")

    def test_the_cache_lives_in_the_private_subnets_of_two_azs(self) -> None:
        self.assertEqual(self.cache()["CacheSubnetGroupName"], {"Ref": "CacheSubnetGroup"})
        group = self.resource("CacheSubnetGroup", "AWS::ElastiCache::SubnetGroup")
        self.assertEqual(group["Condition"], "UseElastiCache")
        self.assertEqual(group["Properties"]["SubnetIds"], PRIVATE_SUBNETS)
        # A new VPC (VpcCidr changed) must bring a new group, and so a new cache: ElastiCache
        # cannot move a cache's subnet group to another VPC's subnets.
        self.assertIn("${Vpc}", group["Properties"]["CacheSubnetGroupName"]["Fn::Sub"])
        self.assertNotIn("ReplicationGroupId", self.cache(), "a generated id, so a replacement can happen")
        azs = {str(self.resources[s["Ref"]]["Properties"]["AvailabilityZone"]) for s in PRIVATE_SUBNETS}
        self.assertEqual(len(azs), 2, "the private subnets must be in two AZs")

    def test_cache_replicas_drive_nodes_failover_multi_az_and_zones_together(self) -> None:
        cache = self.cache()
        zone_of = {s["Ref"]: {"Fn::GetAtt": [s["Ref"], "AvailabilityZone"]} for s in PRIVATE_SUBNETS}
        for replicas in (0, 1):
            with self.subTest(replicas=replicas):
                conditions = self.conditions(RedisMode="elasticache", CacheReplicas=str(replicas))
                nodes = self.resolve(cache["NumCacheClusters"], conditions)
                self.assertEqual(nodes, 1 + replicas)
                # Failover needs a replica to promote; Multi-AZ needs failover.
                self.assertIs(self.resolve(cache["AutomaticFailoverEnabled"], conditions), replicas == 1)
                self.assertIs(self.resolve(cache["MultiAZEnabled"], conditions), replicas == 1)
                zones = self.resolve(cache["PreferredCacheClusterAZs"], conditions)
                self.assertEqual(len(zones), nodes, "one zone per node")
                self.assertEqual(zones, [zone_of[s["Ref"]] for s in PRIVATE_SUBNETS][:nodes], "a replica in the other zone")

    def test_private_subnets_reach_the_internet_only_through_the_nat_in_a_public_subnet(self) -> None:
        nats = self.of_type("AWS::EC2::NatGateway")
        self.assertEqual(list(nats), ["NatGateway"], "one NAT gateway")
        nat_subnet = nats["NatGateway"]["Properties"]["SubnetId"]["Ref"]
        public = self.default_route_of(self.route_table_of(nat_subnet))
        self.assertEqual(public.get("GatewayId"), {"Ref": "InternetGateway"}, "the NAT's subnet must be public")
        for subnet in PRIVATE_SUBNETS:
            with self.subTest(subnet=subnet["Ref"]):
                route = self.default_route_of(self.route_table_of(subnet["Ref"]))
                self.assertEqual(route.get("NatGatewayId"), {"Ref": "NatGateway"})
                self.assertNotIn("GatewayId", route, "a private subnet has no route to the internet gateway")
                self.assertNotEqual(subnet["Ref"], nat_subnet)

    def test_dynamodb_and_s3_gateway_endpoints_serve_the_private_route_tables(self) -> None:
        private_tables = sorted({self.route_table_of(s["Ref"]) for s in PRIVATE_SUBNETS})
        for logical_id, service in (("DynamoDbEndpoint", "dynamodb"), ("S3Endpoint", "s3")):
            with self.subTest(endpoint=logical_id):
                props = self.resource(logical_id, "AWS::EC2::VPCEndpoint")["Properties"]
                self.assertEqual(props["VpcEndpointType"], "Gateway")
                self.assertEqual(props["ServiceName"], {"Fn::Sub": f"com.amazonaws.${{AWS::Region}}.{service}"})
                self.assertEqual(sorted(t["Ref"] for t in props["RouteTableIds"]), private_tables)

    def test_the_cache_admits_only_the_functions_group_on_6379(self) -> None:
        group = self.resource("CacheSecurityGroup", "AWS::EC2::SecurityGroup")["Properties"]
        self.assertEqual(
            [{k: v for k, v in rule.items() if k != "Description"} for rule in group["SecurityGroupIngress"]],
            [{"IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379, "SourceSecurityGroupId": {"Ref": "FunctionSecurityGroup"}}],
        )
        self.assertNotIn("0.0.0.0/0", repr(group.get("SecurityGroupEgress")))
        for kind in ("AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"):
            self.assertEqual(self.of_type(kind), {}, "all rules inline, where these tests read them")
        functions = self.resource("FunctionSecurityGroup", "AWS::EC2::SecurityGroup")["Properties"]
        self.assertNotIn("SecurityGroupIngress", functions, "nothing connects to a function")

    def test_interface_endpoints_are_private_and_never_execute_api(self) -> None:
        endpoints = {
            k: v["Properties"]
            for k, v in self.of_type("AWS::EC2::VPCEndpoint").items()
            if v["Properties"].get("VpcEndpointType") == "Interface"
        }
        services = {p["ServiceName"]["Fn::Sub"].rsplit(".", 1)[1] for p in endpoints.values()}
        self.assertEqual(services, {"secretsmanager", "email", "lambda"})
        for logical_id, props in endpoints.items():
            with self.subTest(endpoint=logical_id):
                self.assertEqual(props["SubnetIds"], PRIVATE_SUBNETS)
                self.assertIs(props["PrivateDnsEnabled"], True)
                self.assertEqual(props["SecurityGroupIds"], [{"Ref": "EndpointSecurityGroup"}])
        self.assertNotIn("execute-api", repr(self.of_type("AWS::EC2::VPCEndpoint")))
        ingress = self.resource("EndpointSecurityGroup", "AWS::EC2::SecurityGroup")["Properties"]["SecurityGroupIngress"]
        self.assertEqual(
            [(r["IpProtocol"], r["FromPort"], r["ToPort"], r["SourceSecurityGroupId"]) for r in ingress],
            [("tcp", 443, 443, {"Ref": "FunctionSecurityGroup"})],
        )

    # -- operating it ----------------------------------------------------------------------------

    def test_cache_memory_and_cpu_alarms_watch_every_node_and_exist_only_with_elasticache(self) -> None:
        """CloudWatch has ElastiCache's node metrics by CacheClusterId only; a replication
        group's nodes are <group id>-001 and -002."""
        memory = self.resource("CacheMemoryAlarm", "AWS::CloudWatch::Alarm")
        self.assertEqual(memory["Condition"], "UseElastiCache")
        props = memory["Properties"]
        self.assertEqual((props["Namespace"], props["MetricName"]), ("AWS/ElastiCache", "DatabaseMemoryUsagePercentage"))
        self.assertEqual(props["Dimensions"], [{"Name": "CacheClusterId", "Value": {"Fn::Sub": "${Cache}-001"}}])
        self.assertLessEqual(props["Threshold"], 90, "warn before Valkey evicts and refuses writes")

        cpu = self.resource("CacheCpuAlarm", "AWS::CloudWatch::Alarm")
        self.assertEqual(cpu["Condition"], "UseElastiCache")
        for replicas in (0, 1):
            with self.subTest(replicas=replicas):
                conditions = self.conditions(RedisMode="elasticache", CacheReplicas=str(replicas))
                queries = self.resolve(cpu["Properties"]["Metrics"], conditions)
                stats = {q["Id"]: q["MetricStat"]["Metric"] for q in queries if "MetricStat" in q}
                for metric in stats.values():
                    self.assertEqual((metric["Namespace"], metric["MetricName"]), ("AWS/ElastiCache", "EngineCPUUtilization"))
                nodes = self.resolve(self.cache()["NumCacheClusters"], conditions)
                watched = sorted(m["Dimensions"][0]["Value"]["Fn::Sub"] for m in stats.values())
                self.assertEqual(watched, [f"${{Cache}}-{n:03d}" for n in range(1, nodes + 1)], "every node")
                returned = [q for q in queries if q.get("ReturnData", True)]
                self.assertEqual(len(returned), 1, "an alarm watches one series")
                if len(stats) > 1:
                    self.assertEqual(returned[0]["Expression"], f"MAX([{', '.join(sorted(stats))}])")
        for alarm in (props, cpu["Properties"]):
            self.assertEqual(alarm["AlarmActions"], [{"Ref": "AlarmTopic"}])

        output = self.template["Outputs"]["RedisCacheEndpoint"]
        self.assertEqual(output["Condition"], "UseElastiCache")
        self.assertEqual(output["Value"], {"Fn::Sub": "${Cache.PrimaryEndPoint.Address}:${Cache.PrimaryEndPoint.Port}"})

if __name__ == "__main__":
    unittest.main()
