"""`sme-advisor serve`: one server for the Gradio UI (at /) and the JSON API (at /api), local-only network."""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time

from assistant.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="启动网页界面和 API（默认 http://127.0.0.1:7860）")
    parser.add_argument("--host", help="监听地址（默认 127.0.0.1；其他地址必须设置工作人员口令）")
    parser.add_argument("--port", type=int, help="端口（默认 7860）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.access import check_bind_safety

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    settings = settings.model_copy(update=overrides)
    check_bind_safety(settings)
    for name, value in (("GRADIO_ANALYTICS_ENABLED", "False"), ("HF_HUB_OFFLINE", "1"),
                        ("ANONYMIZED_TELEMETRY", "False"), ("GRADIO_SERVER_NAME", settings.host)):
        os.environ.setdefault(name, value)
    from assistant.runtime import Runtime

    runtime = Runtime(settings)
    ensure_index(runtime)
    from assistant.server import warm_first_use

    warm_first_use(runtime)
    app = build_app(runtime)
    return _serve(app, settings)


def ensure_index(runtime) -> None:  # noqa: ANN001 - Runtime
    """Open the index (loading the embedder once); build it first when there is none yet."""
    from assistant.errors import IndexMissingError

    try:
        runtime.index()
        return
    except IndexMissingError:
        pass
    from assistant.commands.ingest_cmd import summary_text
    from corpus.ingest import ingest

    print(f"首次启动：尚无索引，正在从 {runtime.settings.corpus_dir} 自动建立索引…", flush=True)
    report = ingest(runtime.settings, progress=_progress_printer())
    print(file=sys.stderr)
    print(f"已自动建立索引（index built automatically on first start）。{summary_text(report)}", flush=True)
    runtime.index()


def _progress_printer():  # noqa: ANN202 - a Progress callback
    last = {"stage": "", "at": 0.0}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == last["stage"] and done < total and now - last["at"] < 0.5:
            return
        last.update(stage=stage, at=now)
        print(f"\r{stage}：{done}/{total}", end="", file=sys.stderr, flush=True)

    return progress


def build_app(runtime):  # noqa: ANN001, ANN201 - Runtime -> FastAPI; gradio is imported only here
    """The FastAPI app with the Gradio UI mounted at "/" (API routes under /api are matched first)."""
    import gradio as gr

    from assistant.api import create_api
    from ui.app import build_ui, launch_options

    app = create_api(runtime)
    blocks = build_ui(runtime)
    blocks.queue(default_concurrency_limit=4)
    return gr.mount_gradio_app(app, blocks, path="/", server_name=runtime.settings.host,
                               server_port=runtime.settings.port, **launch_options(runtime))


def _serve(app, settings: Settings) -> int:  # noqa: ANN001 - FastAPI
    import uvicorn

    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    url = f"http://{host}:{settings.port}/"
    server = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning",
                                           timeout_graceful_shutdown=5))

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            print(f"数转顾问已启动：{url}  （API 文档：{url}api/docs；按 Ctrl+C 停止）", flush=True)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run()
    except (OSError, SystemExit):  # uvicorn exits when the port is taken
        pass
    if not server.started:
        print(f"错误：无法在 {settings.host}:{settings.port} 启动（端口可能已被占用；请换一个端口，例如 --port 7861）",
              file=sys.stderr)
        return 2
    return 0
