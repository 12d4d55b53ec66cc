"""`sam build` as make deploy runs it, with a stand-in for cargo (the real release cross-build
takes many minutes): every function is built by cargo-lambda for the Architecture parameter."""

import os
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAM = os.path.join(ROOT, ".tools", "sam", "bin", "sam")
FUNCTIONS = {"rest", "ws-connect", "ws-message", "ws-disconnect", "fanout", "search-index", "migrate"}

# Records its arguments; for a build, leaves the bootstrap where cargo-lambda would.
STAND_IN = """#!/bin/sh
echo "$*" >> "$CARGO_LOG"
bin=""; prev=""
for a in "$@"; do [ "$prev" = "--bin" ] && bin=$a; prev=$a; done
[ -n "$bin" ] && mkdir -p "target/lambda/$bin" && echo stand-in > "target/lambda/$bin/bootstrap"
exit 0
"""


@unittest.skipUnless(os.path.exists(SAM), "needs the SAM CLI in .tools/sam: run scripts/install-deps.sh")
class SamBuild(unittest.TestCase):
    def build(self, *overrides):
        work = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, work, True)
        # A copy of what SAM reads: the template and the manifests (no sources are compiled).
        source = os.path.join(work, "src")
        shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
            "target", "node_modules", ".tools", ".stack", ".git", "web", "*.rs"))
        bin_dir = os.path.join(work, "bin")
        os.makedirs(bin_dir)
        for name in ("cargo", "cargo-lambda"):
            path = os.path.join(bin_dir, name)
            with open(path, "w") as f:
                f.write(STAND_IN)
            os.chmod(path, 0o755)
        log = os.path.join(work, "cargo.log")
        env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", CARGO_LOG=log, SAM_CLI_TELEMETRY="0")
        args = [SAM, "build", "--beta-features", "--build-dir", os.path.join(work, "build")]
        if overrides:
            args += ["--parameter-overrides", " ".join(overrides)]
        done = subprocess.run(args, cwd=source, env=env, capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        with open(log) as f:
            builds = [line.split() for line in f if line.startswith("lambda build")]
        return {b[b.index("--bin") + 1]: b for b in builds}

    def test_arm64_by_default_and_x86_64_when_chosen(self):
        arm = self.build()
        self.assertEqual(set(arm), FUNCTIONS)
        for binary, args in arm.items():
            self.assertIn("--release", args, binary)
            self.assertIn("--arm64", args, binary)
        x86 = self.build("Architecture=x86_64")
        self.assertEqual(set(x86), FUNCTIONS)
        for binary, args in x86.items():
            self.assertNotIn("--arm64", args, binary)  # cargo-lambda builds x86_64 by default


if __name__ == "__main__":
    unittest.main()
