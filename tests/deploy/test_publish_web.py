"""scripts/publish_web.py against ministack (the stack's S3 and CloudFront stand-in; `make test`
starts it and sets S3_ENDPOINT): what `make deploy` does to the web bucket, release after
release."""

import importlib.util
import os
import shutil
import tempfile
import unittest
import uuid
from datetime import datetime, timedelta, timezone

import boto3

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
spec = importlib.util.spec_from_file_location("publish_web", os.path.join(ROOT, "scripts", "publish_web.py"))
publish_web = importlib.util.module_from_spec(spec)
spec.loader.exec_module(publish_web)

ENDPOINT = os.environ.get("S3_ENDPOINT")


def write(dist, files):
    for key, text in files.items():
        path = os.path.join(dist, key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def release(version):
    return {
        "index.html": f'<script src="/assets/index-{version}.js"></script>',
        f"assets/index-{version}.js": f"console.log({version!r})",
        f"assets/Lazy-{version}.js": "export default 1",
        "favicon.svg": "<svg/>",
        f"assets/index-{version}.js.map": "{}",
    }


@unittest.skipUnless(ENDPOINT, "needs S3_ENDPOINT (ministack): run through `make test`")
class PublishWeb(unittest.TestCase):
    def setUp(self):
        session = boto3.session.Session(region_name="us-east-1", aws_access_key_id="local",
                                        aws_secret_access_key="local")
        self.s3 = session.client("s3", endpoint_url=ENDPOINT)
        self.cloudfront = session.client("cloudfront", endpoint_url=ENDPOINT)
        self.bucket = f"web-{uuid.uuid4().hex[:12]}"
        self.s3.create_bucket(Bucket=self.bucket)
        self.distribution = self.cloudfront.create_distribution(DistributionConfig={
            "CallerReference": self.bucket, "Comment": "publish test", "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [{"Id": "web", "DomainName": f"{self.bucket}.s3.amazonaws.com",
                                                   "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https",
                                     "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
        })["Distribution"]["Id"]
        self.dist = tempfile.mkdtemp()

    def publish(self, files, now, keep_days=14):
        shutil.rmtree(self.dist)
        write(self.dist, files)
        lines = []
        result = publish_web.publish(self.s3, self.cloudfront, self.bucket, self.distribution,
                                     self.dist, keep_days, now=now, out=lines.append)
        return result, lines

    def head(self, key):
        return self.s3.head_object(Bucket=self.bucket, Key=key)

    def keys(self):
        return sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", []))

    def test_cache_headers_order_and_invalidation(self):
        now = datetime.now(timezone.utc)
        result, lines = self.publish(release("a1"), now)
        self.assertEqual(self.head("assets/index-a1.js")["CacheControl"], publish_web.IMMUTABLE)
        self.assertEqual(self.head("assets/index-a1.js")["ContentType"], "text/javascript")
        self.assertEqual(self.head("index.html")["CacheControl"], "no-cache")
        self.assertEqual(self.head("index.html")["ContentType"], "text/html")
        self.assertEqual(self.head("favicon.svg")["ContentType"], "image/svg+xml")
        self.assertNotIn("assets/index-a1.js.map", self.keys(), "source maps are never published")
        invalidation_id, paths = result["invalidated"]
        self.assertEqual(paths, ["/favicon.svg", "/index.html"])
        got = self.cloudfront.get_invalidation(DistributionId=self.distribution, Id=invalidation_id)
        self.assertEqual(sorted(got["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]), paths)
        self.assertTrue(any("web app published" in line for line in lines), lines)
        # index.html goes up last, after every script it names.
        order = publish_web.upload_order(["index.html", "favicon.svg", "assets/b.js", "assets/a.js"])
        self.assertEqual(order, ["assets/a.js", "assets/b.js", "favicon.svg", "index.html"])

    def test_earlier_assets_stay_for_open_tabs_then_go(self):
        now = datetime.now(timezone.utc)
        self.publish(release("a1"), now)
        # The next release, the same day: the old chunks stay (a tab opened before still loads them).
        result, _ = self.publish(release("b2"), now)
        self.assertEqual(result["removed"], [])
        self.assertIn("assets/Lazy-a1.js", self.keys())
        self.assertIn("assets/Lazy-b2.js", self.keys())
        # A release 15 days later: what no release used for 14 days is removed, the current kept.
        result, _ = self.publish(release("b2"), now + timedelta(days=15))
        self.assertEqual(sorted(result["removed"]), ["assets/Lazy-a1.js", "assets/index-a1.js"])
        self.assertEqual(self.keys(), ["assets/Lazy-b2.js", "assets/index-b2.js", "favicon.svg", "index.html"])

    def test_an_unchanged_release_invalidates_nothing(self):
        now = datetime.now(timezone.utc)
        self.publish(release("a1"), now)
        result, _ = self.publish(release("a1"), now)
        self.assertIsNone(result["invalidated"])
        self.assertEqual(result["unchanged"], 2)

    def test_without_a_build_it_says_what_to_do(self):
        with self.assertRaises(SystemExit) as raised:
            publish_web.publish(self.s3, self.cloudfront, self.bucket, self.distribution,
                                tempfile.mkdtemp(), 14)
        self.assertIn("npm --prefix web run build", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
