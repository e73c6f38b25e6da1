"""The ``newsdelta`` command line: thin wrappers over :mod:`newsdelta.service`.

Imports are lazy so ``newsdelta --help`` is instant. Every read command has
``--json``. Errors from newsdelta's own tree print as one line on stderr with a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from newsdelta.core.terminal import json_terminal_safe, terminal_safe

if TYPE_CHECKING:
    from newsdelta.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def _settings(ctx: click.Context) -> Settings:
    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "settings" not in obj:
        from newsdelta.settings import load_settings

        flags = {k: v for k, v in obj.get("flags", {}).items() if v is not None}
        config = obj.get("config")
        obj["settings"] = load_settings(Path(config) if config else None, flags=flags)
        _warn_if_forgetful(ctx, obj["settings"])
    settings: Settings = obj["settings"]
    return settings


_LIVES_IN_ONE_PROCESS = frozenset({"run", "demo", "extract", "evaluate"})
"""Commands that are whole on their own: an in-memory database is no loss to them."""


def _warn_if_forgetful(ctx: click.Context, settings: Settings) -> None:
    """Say so when a one-shot command writes to, or reads from, a database that dies with it."""
    command = ctx.find_root().invoked_subcommand or ""
    if settings.database_in_memory and command not in _LIVES_IN_ONE_PROCESS:
        # The whole command as typed ("newsdelta source add"), whatever the program's name.
        typed = " ".join(["newsdelta", *ctx.command_path.split()[1:]])
        _echo(
            f"warning: {settings.database_url} is an in-memory database: it starts empty "
            f"and is gone when `{typed}` ends",
            err=True,
        )


def _echo(message: str = "", **kwargs: Any) -> None:
    """``click.echo`` for text that may hold a page's words (titles, URLs, reasons):
    terminal controls in it are shown as escapes, never obeyed."""
    click.echo(terminal_safe(message), **kwargs)


def _print_json(data: Any) -> None:
    click.echo(json_terminal_safe(json.dumps(data, indent=2, ensure_ascii=False, default=str)))


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


class NewsdeltaGroup(click.Group):
    """Turns newsdelta errors into one-line messages and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        from newsdelta.errors import NewsdeltaError

        try:
            return super().invoke(ctx)
        except NewsdeltaError as exc:
            _echo(f"newsdelta: error: {exc.message}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            _echo("newsdelta: interrupted", err=True)
            sys.exit(130)


@click.group(cls=NewsdeltaGroup)
@click.option("--db", envvar=None, help="Database URL or SQLite path (env NEWSDELTA_DB).")
@click.option("--data-dir", type=click.Path(file_okay=False), help="Data directory (env NEWSDELTA_DATA_DIR).")
@click.option("--config", type=click.Path(dir_okay=False), help="TOML config file (env NEWSDELTA_CONFIG).")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.version_option(package_name="newsdelta")
@click.pass_context
def main(ctx: click.Context, db: str | None, data_dir: str | None, config: str | None, verbose: bool) -> None:
    """newsdelta: track news articles, every version, and what changed."""
    ctx.ensure_object(dict)
    ctx.obj["flags"] = {"db": db, "data_dir": data_dir}
    ctx.obj["config"] = config
    if verbose:
        import logging

        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the database (safe to run again: it upgrades)."""
    from newsdelta import service

    info = service.init(_settings(ctx))
    _echo(f"database ready: {info['database']} (schema {info['schema']})")


# --------------------------------------------------------------------------- sources


@main.group()
def source() -> None:
    """Manage outlets (sources) and their feeds/sitemaps."""


@source.command("add")
@click.argument("name")
@click.argument("urls", nargs=-1)
@click.option("--sitemap", "sitemaps", multiple=True, help="A sitemap or news sitemap URL.")
@click.pass_context
def source_add(ctx: click.Context, name: str, urls: tuple[str, ...], sitemaps: tuple[str, ...]) -> None:
    """Add outlet NAME with feed URLs (RSS/Atom; sitemaps are detected too)."""
    from newsdelta import service

    info = service.add_source(_settings(ctx), name, urls, sitemaps)
    _echo(f"source {info['name']!r}: {len(info['feeds'])} feed(s)")


@source.command("list")
@json_option
@click.pass_context
def source_list(ctx: click.Context, as_json: bool) -> None:
    """List outlets with article counts and failing feeds."""
    from newsdelta.store import open_store

    store = open_store(_settings(ctx))
    try:
        rows: list[dict[str, Any]] = [
            {
                "name": s.name,
                "feeds": [{"url": f.url, "kind": f.kind, "error": f.last_error} for f in s.feeds],
                "articles": s.article_count,
                "versions": s.version_count,
                "last_ok_at": s.last_ok_at.isoformat() if s.last_ok_at else None,
                "failing": s.failing,
                "error": s.last_error if s.failing else None,
            }
            for s in store.list_sources()
        ]
    finally:
        store.close()
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        state = f"FAILING: {row['error']}" if row["failing"] else "ok"
        _echo(f"{row['name']:<20} {row['articles']:>6} articles {row['versions']:>7} versions  {state}")
        for feed in row["feeds"]:
            _echo(f"    {feed['kind']:<8} {feed['url']}")


@source.command("remove")
@click.argument("name")
@click.pass_context
def source_remove(ctx: click.Context, name: str) -> None:
    """Remove outlet NAME (its articles stay, without a source)."""
    from newsdelta.store import open_store

    store = open_store(_settings(ctx))
    try:
        store.remove_source(name)
    finally:
        store.close()
    _echo(f"removed source {name!r}")


# ---------------------------------------------------------------------------- tracking


@main.command()
@click.argument("url")
@click.option("--source", "source_name", help="Attach the article to this outlet.")
@click.pass_context
def track(ctx: click.Context, url: str, source_name: str | None) -> None:
    """Track one article URL directly."""
    from newsdelta import service

    info = service.track(_settings(ctx), url, source_name)
    verb = "tracking" if info["created"] else "already tracking"
    _echo(f"{verb} article {info['id']}: {info['url']}")


@main.command()
@click.argument("urls", nargs=-1)
@json_option
@click.pass_context
def check(ctx: click.Context, urls: tuple[str, ...], as_json: bool) -> None:
    """One pass: discover new articles and check those due (or URLS, due or not)."""
    from newsdelta import service

    summary = service.run_sync(service.check_pass(_settings(ctx), urls))
    if as_json:
        _print_json(summary)
        return
    _echo(
        f"new articles: {summary['new_articles']}  new versions: {summary['new_versions']}  "
        f"unchanged: {summary['unchanged']}  not modified: {summary['not_modified']}  "
        f"errors: {summary['errors']}  (checked {summary['checked']}, "
        f"discovered {summary['discovered']})"
    )
    merged = summary["by_result"].get("merged", 0)
    if merged:  # the duplicates are gone: say why the article count went down
        _echo(f"  {merged} duplicate article(s) merged into articles already tracked")
    for name, reason in summary["failing_sources"].items():
        _echo(f"  source {name} failing: {reason}")
    for name, reason in summary["failing_not_due"].items():
        _echo(f"  source {name} still failing (not due this pass): {reason}")
    for line in summary["error_details"]:
        _echo(f"  error: {line}")


@main.command()
@click.option("--host", help="Web UI host (default 127.0.0.1).")
@click.option("--port", type=int, help="Web UI port (default 8000).")
@click.option("--no-web", is_flag=True, help="Track only; do not serve the web UI.")
@click.pass_context
def run(ctx: click.Context, host: str | None, port: int | None, no_web: bool) -> None:
    """The main job: discovery + scheduler loop (starter outlets on a fresh install)."""
    from newsdelta.runner.main import run_main

    settings = _settings(ctx).with_overrides(host=host, port=port)
    run_main(settings, web=not no_web, echo=click.echo)


@main.command()
@click.option("--host", help="Host to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the web UI, feeds and JSON API over the existing database (no tracking)."""
    import asyncio

    from newsdelta.store import open_store
    from newsdelta.web.server import make_server

    settings = _settings(ctx).with_overrides(host=host, port=port)
    store = open_store(settings)
    try:
        server = make_server(settings, store)  # binds now: a taken port fails here, in one line
        _echo(f"serving {server.url} over {settings.database_url}")
        asyncio.run(server.serve())
    finally:
        store.close()


# ---------------------------------------------------------------------------- reading


@main.command()
@click.option("--source", "source_name", help="Only this outlet.")
@click.option("--changed", is_flag=True, help="Only articles with more than one version.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@json_option
@click.pass_context
def articles(ctx: click.Context, source_name: str | None, changed: bool, limit: int, as_json: bool) -> None:
    """List tracked articles, newest first."""
    from newsdelta import service

    rows = service.list_articles(_settings(ctx), source_name, changed, limit)
    if as_json:
        _print_json(rows)
        return
    for row in rows:
        title = (row["title"] or row["url"])[:70]
        _echo(f"{row['id']:>6}  {row['versions']:>3}v  {row['source'] or '-':<12} {title}")


@main.command()
@click.argument("article")
@json_option
@click.pass_context
def history(ctx: click.Context, article: str, as_json: bool) -> None:
    """Versions and page events of ARTICLE (id or URL)."""
    from newsdelta import service

    data = service.history(_settings(ctx), article)
    if as_json:
        _print_json(data)
        return
    a = data["article"]
    _echo(f"{a['title'] or a['url']}\n  {a['url']}\n  source: {a['source'] or '-'}; {a['status']}")
    changes = a["changes"]
    _echo(f"  The article has changed {changes} time{'' if changes == 1 else 's'}.")
    for v in data["versions"]:
        later = f"({v['later']})" if v["later"] else ""
        labels = f" [{', '.join(v['labels'])}]" if v["labels"] else ""
        _echo(f"  Version {v['number']:>3}  {v['captured_at']}  {later:<24} {v['title']}{labels}")
    for e in data["events"]:
        what = e["event"] or e["result"]
        _echo(f"  event    {e['at']}  {what}: {e['reason'] or ''}")


@main.command()
@click.argument("article")
@click.option("--from", "from_n", type=int, help="Old version number (default: second to last).")
@click.option("--to", "to_n", type=int, help="New version number (default: last).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--color/--no-color", default=None, help="Colour text output (default: when a terminal).")
@json_option
@click.pass_context
def diff(
    ctx: click.Context, article: str, from_n: int | None, to_n: int | None, fmt: str,
    color: bool | None, as_json: bool,
) -> None:
    """Show what changed in ARTICLE between two versions (numbered from 1)."""
    from newsdelta import service
    from newsdelta.core.diff import render_text
    from newsdelta.web.diff_fragment import render_html

    view = service.diff(_settings(ctx), article, from_n, to_n)
    if as_json or fmt == "json":  # --json as on every read command; same as --format json
        _print_json(view.to_json())
    elif fmt == "html":
        _echo(render_html(view.diff))
    else:
        use_color = sys.stdout.isatty() if color is None else color
        _echo(f"Version {view.old_meta.number} -> Version {view.new_meta.number} ({view.elapsed})")
        if view.extractor_note:
            _echo(f"Note: {view.extractor_note}")
        # click.echo strips ANSI codes when stdout is not a terminal unless told otherwise.
        # render_text made the page's text safe itself; its colour codes must survive.
        click.echo(render_text(view.diff, color=use_color), color=use_color)


@main.command()
@click.argument("target")
@json_option
@click.pass_context
def extract(ctx: click.Context, target: str, as_json: bool) -> None:
    """What newsdelta sees in a page (FILE or URL)."""
    from newsdelta import service

    text = service.run_sync(service.extract_target(_settings(ctx), target))
    if as_json:
        _print_json(text.to_dict())
        return
    _echo(f"title:      {text.title}")
    _echo(f"standfirst: {text.standfirst}")
    _echo(f"byline:     {text.byline}")
    _echo(f"published:  {text.published.isoformat() if text.published else '-'}")
    _echo(f"updated:    {text.updated.isoformat() if text.updated else '-'}")
    _echo(f"canonical:  {text.canonical_url or '-'}")
    _echo(f"paragraphs: {len(text.paragraphs)} ({text.word_count} words)")
    for i, para in enumerate(text.paragraphs, 1):
        _echo(f"  [{i}] {para}")


@main.command()
@click.argument("article")
@json_option
@click.pass_context
def copies(ctx: click.Context, article: str, as_json: bool) -> None:
    """The same story elsewhere: probable source, copies, kind, similarity, credit."""
    from newsdelta import service

    data = service.copies(_settings(ctx), article)
    if as_json:
        _print_json(data)
        return
    _echo(f"probable source: {data['source'] or '-'} ({data['source_reason']})")
    _echo(f"semantic stage: {data['semantic_stage']}")
    for item in data["related"]:
        credit = "credited" if item["credited"] else "UNCREDITED"
        _echo(f"  {item['kind']:<9} {item['similarity']:.2f} {credit:<10} {item['url']}")


@main.command()
@click.argument("article")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation on a terminal.")
@click.pass_context
def delete(ctx: click.Context, article: str, yes: bool) -> None:
    """Forget ARTICLE: its versions, events and its entry in the copies index.

    On a terminal it names the article and asks first; in a script (stdin not a
    terminal) or with --yes it does not.
    """
    from newsdelta import service
    from newsdelta.store import ArticleRecord

    def confirm(found: ArticleRecord) -> bool:
        if yes or not sys.stdin.isatty():
            return True
        versions = "1 version" if found.version_count == 1 else f"{found.version_count} versions"
        title = f" {found.title!r}" if found.title else ""
        return click.confirm(
            f"Delete article {found.id}{title} ({found.url}) and its {versions}? "
            "This cannot be undone",
            default=False,
        )

    info = service.delete_article(_settings(ctx), article, confirm)
    if not info["deleted"]:
        _echo(f"kept article {info['id']}", err=True)
        ctx.exit(1)
    _echo(f"deleted article {info['id']}: {info['url']}")


@main.command()
@click.option("--speed", type=click.FloatRange(min=0, min_open=True), default=3600.0, show_default=True,
              help="Simulated seconds per real second.")
@click.option("--duration", type=click.FloatRange(min=0, min_open=True), default=25.0, show_default=True,
              help="Real seconds to run.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Newsroom port (default: any free port).")
@click.pass_context
def demo(ctx: click.Context, speed: float, duration: float, port: int) -> None:
    """Run the simulated newsroom on 127.0.0.1 with a fast clock and track it, offline."""
    from newsdelta.runner.demo import run_demo

    run_demo(_settings(ctx), speed=speed, duration=duration, port=port, echo=click.echo)


@main.group()
def evaluate() -> None:
    """Quality gates over the labelled corpora in the repository."""


@evaluate.command("edits")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False),
    default="tests/corpora/edits",
    show_default=True,
)
@json_option
def evaluate_edits_command(corpus: str, as_json: bool) -> None:
    """Sentence-alignment P/R/F1 and per-label P/R of the diff room on the edits corpus."""
    from newsdelta.evaluate.edits import evaluate_edits

    report = evaluate_edits(corpus)
    if as_json:
        _print_json(report.to_json())
    else:
        _echo(str(report))


@evaluate.command("copies")
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False),
    default="tests/corpora/copies",
    show_default=True,
)
@click.option("--semantic/--no-semantic", default=None, help="Default: on when the extra is installed.")
@click.option("--limit", type=int, help="Only the first N stories (quick look).")
@json_option
def evaluate_copies_command(corpus: str, semantic: bool | None, limit: int | None, as_json: bool) -> None:
    """Precision/recall per kind of copy and provenance accuracy on the copies corpus."""
    from newsdelta.copies.embed import semantic_available
    from newsdelta.evaluate.copies import evaluate_copies

    use = semantic_available() if semantic is None else semantic
    report = evaluate_copies(corpus, use, limit_stories=limit)
    if as_json:
        import dataclasses

        _print_json(dataclasses.asdict(report))
    else:
        _echo(report.format())


if __name__ == "__main__":  # pragma: no cover
    main()
