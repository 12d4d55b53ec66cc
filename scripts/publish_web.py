#!/usr/bin/env python3
"""Publishes the built web app (web/dist) to the stack's web bucket, as `make deploy` does.

- Hashed assets (assets/*, named by their content) are uploaded first, cached for a year
  (immutable); index.html is uploaded last with `no-cache`, so a browser never gets a page whose
  scripts are not there yet, and always revalidates the page itself.
- Assets of earlier releases are kept (open tabs still load their lazy chunks) and removed only
  once they have not been part of a release for --keep-days.
- Unchanged files are not uploaded again; CloudFront is told to drop index.html and any other
  changed file that is not content-hashed.

Usage: publish_web.py --bucket B --distribution D [--dist web/dist] [--keep-days 14]
       [--endpoint-url URL]  (a stand-in for AWS, e.g. ministack in the tests)
"""

import argparse
import hashlib
import mimetypes
import os
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

try:
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:  # pragma: no cover - told to the operator
    sys.exit("publish_web.py needs boto3: run `make install-deps` (it comes with the SAM CLI in .tools/venv)")

IMMUTABLE = "public, max-age=31536000, immutable"
PAGE = "no-cache"
OTHER = "public, max-age=3600"
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".svg": "image/svg+xml",
         ".webmanifest": "application/manifest+json", ".woff2": "font/woff2"}


def content_type(path):
    ext = os.path.splitext(path)[1].lower()
    return TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def cache_control(key):
    if key.startswith("assets/"):
        return IMMUTABLE
    if key == "index.html":
        return PAGE
    return OTHER


def md5(path):
    digest = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def local_files(dist):
    files = {}
    for root, _dirs, names in os.walk(dist):
        for name in names:
            path = os.path.join(root, name)
            key = os.path.relpath(path, dist).replace(os.sep, "/")
            if key.endswith(".map"):
                continue  # source maps are not published
            files[key] = path
    return files


def remote_objects(s3, bucket):
    objects = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            objects[obj["Key"]] = obj
    return objects


def upload_order(keys):
    """Assets, then the other files, then index.html last."""
    return sorted(keys, key=lambda k: (0 if k.startswith("assets/") else 2 if k == "index.html" else 1, k))


def publish(s3, cloudfront, bucket, distribution, dist, keep_days, now=None, out=print):
    now = now or datetime.now(timezone.utc)
    if not os.path.isfile(os.path.join(dist, "index.html")):
        raise SystemExit(f"{dist}/index.html is missing: build the web app first (npm --prefix web run build)")
    files = local_files(dist)
    remote = remote_objects(s3, bucket)
    uploaded, unchanged, changed_pages = 0, 0, []
    started = time.monotonic()
    for n, key in enumerate(upload_order(files), 1):
        path = files[key]
        existing = remote.get(key)
        # Assets are refreshed even when unchanged: their age says when they were last released.
        same = existing is not None and existing.get("ETag", "").strip('"') == md5(path)
        if same and not key.startswith("assets/"):
            unchanged += 1
            continue
        with open(path, "rb") as body:
            s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type(key),
                          CacheControl=cache_control(key))
        uploaded += 1
        if not key.startswith("assets/"):
            changed_pages.append("/" + key)
        if n % 20 == 0 or n == len(files):
            out(f"  uploaded {n}/{len(files)} files ({time.monotonic() - started:.1f} s)")
    invalidated = None
    if changed_pages:
        paths = sorted(set(changed_pages + ["/index.html"]))
        answer = cloudfront.create_invalidation(
            DistributionId=distribution,
            InvalidationBatch={"Paths": {"Quantity": len(paths), "Items": paths},
                               "CallerReference": f"parley-{now.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"})
        invalidated = (answer["Invalidation"]["Id"], paths)
    # Assets no release has used for keep_days: gone. The current ones were just refreshed.
    cutoff = now - timedelta(days=keep_days)
    stale = [k for k, obj in remote.items()
             if k.startswith("assets/") and k not in files and obj["LastModified"] < cutoff]
    for i in range(0, len(stale), 1000):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in stale[i:i + 1000]]})
    kept = sum(1 for k in remote if k.startswith("assets/") and k not in files) - len(stale)
    out(f"web app published to s3://{bucket}: {uploaded} uploaded, {unchanged} unchanged, "
        f"{len(stale)} old assets removed, {kept} kept for open tabs (removed after {keep_days} days)")
    if invalidated:
        out(f"CloudFront invalidation {invalidated[0]}: {' '.join(invalidated[1])}")
    return {"uploaded": uploaded, "unchanged": unchanged, "removed": stale, "kept": kept,
            "invalidated": invalidated}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--distribution", required=True)
    parser.add_argument("--dist", default=os.path.join(os.path.dirname(__file__), "..", "web", "dist"))
    parser.add_argument("--keep-days", type=int, default=14)
    parser.add_argument("--endpoint-url", default=None)
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"))
    args = parser.parse_args(argv)
    kwargs = {"endpoint_url": args.endpoint_url} if args.endpoint_url else {}
    session = boto3.session.Session(region_name=args.region)
    try:
        publish(session.client("s3", **kwargs), session.client("cloudfront", **kwargs),
                args.bucket, args.distribution, args.dist, args.keep_days)
    except (BotoCoreError, ClientError) as e:
        sys.exit(f"publishing the web app failed: {e}\n"
                 "Check your AWS credentials and that the stack finished deploying, then run "
                 "`make deploy` again (publishing is safe to repeat).")


if __name__ == "__main__":
    main()
