"""Stopping the servers tests start in their own session (streamlit, dagster dev) with all their children."""

from __future__ import annotations

import os
import signal
import subprocess


def stop_process_group(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM the whole group, then SIGKILL it if it has not exited in time."""
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)
