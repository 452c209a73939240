"""service.api.routes: the routes depend on the extractor interface, not on instructor."""

from __future__ import annotations

import subprocess
import sys

from service.core.config import PROJECT_ROOT


def test_importing_the_routes_does_not_import_instructor() -> None:
    code = (
        "import sys, service.api.routes, service.api.deps, service.pipeline.protocol; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'instructor'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
