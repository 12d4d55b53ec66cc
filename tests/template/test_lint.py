"""cfn-lint over the whole template."""

from __future__ import annotations

import unittest

from cfnlint.api import lint

from template_support import TEMPLATE


class LintTests(unittest.TestCase):
    def test_cfn_lint_is_clean(self) -> None:
        matches = lint(TEMPLATE.read_text(encoding="utf-8"), regions=["us-east-1", "eu-west-1"])
        self.assertEqual([f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches], [])


if __name__ == "__main__":
    unittest.main()


if __name__ == "__main__":
    unittest.main()
