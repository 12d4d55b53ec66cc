"""scripts/rotate_secret.py against ministack (the Secrets Manager and Lambda stand-in; `make test`
starts it and sets SECRETS_ENDPOINT): a rotation stores the next value and renews exactly the
containers of the functions that read the secret."""

import importlib.util
import io
import json
import os
import unittest
import uuid
import zipfile
from datetime import datetime, timezone

import boto3

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
spec = importlib.util.spec_from_file_location("rotate_secret", os.path.join(ROOT, "scripts", "rotate_secret.py"))
rotate_secret = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rotate_secret)

ENDPOINT = os.environ.get("SECRETS_ENDPOINT")


def bootstrap_zip():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("bootstrap", "#!/bin/sh\nexit 0\n")
    return data.getvalue()


@unittest.skipUnless(ENDPOINT, "needs SECRETS_ENDPOINT (ministack): run through `make test`")
class RotateSecret(unittest.TestCase):
    def setUp(self):
        session = boto3.session.Session(region_name="us-east-1", aws_access_key_id="local",
                                        aws_secret_access_key="local")
        self.secrets = session.client("secretsmanager", endpoint_url=ENDPOINT)
        self.lambda_ = session.client("lambda", endpoint_url=ENDPOINT)
        self.suffix = uuid.uuid4().hex[:10]
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                         "Principal": {"Service": "lambda.amazonaws.com"}}]}
        self.role = session.client("iam", endpoint_url=ENDPOINT).create_role(
            RoleName=f"parley-{self.suffix}", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]

    def secret(self, value):
        return self.secrets.create_secret(Name=f"parley-{self.suffix}-{uuid.uuid4().hex[:6]}",
                                          SecretString=value)["ARN"]

    def function(self, name):
        name = f"{name}-{self.suffix}"
        self.lambda_.create_function(
            FunctionName=name, Runtime="provided.al2023", Handler="bootstrap",
            Role=self.role, Code={"ZipFile": bootstrap_zip()},
            Environment={"Variables": {"ENV": "production", "REDIS_URL_SECRET_ARN": "arn:x"}},
        )
        return name

    def variables(self, name):
        return self.lambda_.get_function_configuration(FunctionName=name)["Environment"]["Variables"]

    def test_a_token_key_rotation_keeps_the_replaced_key_as_previous(self):
        arn = self.secret(json.dumps({"previous": "", "current": "first-key"}))
        rest, other = self.function("rest"), self.function("ws-message")
        now = datetime(2026, 12, 6, 4, 0, tzinfo=timezone.utc)
        lines = []
        rotate_secret.rotate("jwt", self.secrets, self.lambda_, arn, [rest], out=lines.append, now=now)
        stored = json.loads(self.secrets.get_secret_value(SecretId=arn)["SecretString"])
        self.assertEqual(stored["previous"], "first-key")
        self.assertGreaterEqual(len(stored["current"]), 48)
        self.assertNotEqual(stored["current"], "first-key")
        # The reader's containers are renewed, its settings kept; another function is untouched.
        self.assertEqual(self.variables(rest)[rotate_secret.ROTATED], "2026-12-06T04:00:00Z")
        self.assertEqual(self.variables(rest)["REDIS_URL_SECRET_ARN"], "arn:x")
        self.assertNotIn(rotate_secret.ROTATED, self.variables(other))
        self.assertTrue(any(rest in line for line in lines), lines)
        # The next rotation drops the first key and keeps the second as previous.
        rotate_secret.rotate("jwt", self.secrets, self.lambda_, arn, [rest], out=lines.append)
        again = json.loads(self.secrets.get_secret_value(SecretId=arn)["SecretString"])
        self.assertEqual(again["previous"], stored["current"])

    def test_a_redis_url_is_checked_before_anything_changes(self):
        arn = self.secret("rediss://old@cache.example.com:6379")
        fanout = self.function("fanout")
        with self.assertRaises(ValueError):
            rotate_secret.rotate("redis", self.secrets, self.lambda_, arn, [fanout], asked="not a url", out=lambda _: None)
        self.assertEqual(self.secrets.get_secret_value(SecretId=arn)["SecretString"], "rediss://old@cache.example.com:6379")
        self.assertNotIn(rotate_secret.ROTATED, self.variables(fanout))
        rotate_secret.rotate("redis", self.secrets, self.lambda_, arn, [fanout],
                             asked="rediss://new@cache.example.com:6379", out=lambda _: None)
        self.assertEqual(self.secrets.get_secret_value(SecretId=arn)["SecretString"], "rediss://new@cache.example.com:6379")
        self.assertIn(rotate_secret.ROTATED, self.variables(fanout))


if __name__ == "__main__":
    unittest.main()
