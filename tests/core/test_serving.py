"""The WSGI application settles its process once loaded: what is loaded is kept out of the cyclic
garbage collector's full collections (lscp.core.serving)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = "import gc; import lscp.wsgi; print(gc.get_freeze_count())"


def test_the_wsgi_application_freezes_what_it_loaded(tmp_path):
    env = {**os.environ, "DEBUG": "1", "LSCP_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    # Django and every app's modules: far more than a bare interpreter's few thousand objects.
    assert int(result.stdout.strip()) > 50_000
