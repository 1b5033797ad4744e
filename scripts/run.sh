#!/usr/bin/env bash
# Set up a virtualenv (once) and start the advisor on the default corpus (../shared/corpus).
# The index is built automatically on first start; open http://127.0.0.1:7860 when it says ready.
set -euo pipefail
cd "$(dirname "$0")/.."
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
exec .venv/bin/sme-advisor serve "$@"
