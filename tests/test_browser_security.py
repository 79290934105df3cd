"""Stored XSS: an article crafted to run code in the reader's browser (script tags, event-handler attributes,
javascript: urls in its url, outlet and author fields) is shown as text on every page of the web app, in Debian's
Chromium against the real server, under the server's Content-Security-Policy."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import chromium, screenshot, serve
from conftest import SEED, SHARED
from dateline import Corpus, Settings

OUTLET = "<img src=x onerror=\"window.__pwned='outlet'\">javascript:alert(1)"
AUTHOR = '<script>window.__pwned="author"</script>" onmouseover="window.__pwned=1'
CRAFTED = {
    "title": "Harbour <script>window.__pwned='title'</script> talks <svg onload=\"window.__pwned='svg'\">",
    "text": (
        "Russian Foreign Minister Sergey Lavrov said on Monday that Russia would meet Ukraine in Geneva, calling it "
        '"<script>window.__pwned=\'quote\'</script> a chance <b onmouseover="window.__pwned=1">for peace</b>."\n'
        "Ukraine accused Russia of shelling the harbour, the ministry said in a statement "
        "<a href=\"javascript:window.__pwned='link'\">here</a>."
    ),
    "url": "javascript:window.__pwned='url'",
    "outlet": OUTLET,
    "authors": [AUTHOR],
    "published": "2022-02-23T09:00:00Z",
}
# Anything built from the data that could run: an element that is a script or carries a handler or script url.
HOSTILE_NODES = """() => [...document.querySelectorAll('#view *')].filter((node) =>
    ['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(node.tagName) || node.tagName.toLowerCase() === 'svg' &&
        node.closest('.chart') === null ||
    [...node.attributes].some((a) => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value))
).map((node) => node.outerHTML.slice(0, 200))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not SEED.exists():
        pytest.skip(f"{SHARED} is absent: the seed article lives beside the checkout")
    work = tmp_path_factory.mktemp("xss")
    crafted = work / "crafted.jsonl"
    crafted.write_text(json.dumps(CRAFTED) + "\n", encoding="utf-8")
    with Corpus.open(str(work / "xss.db"), Settings.from_env(n_process=1)) as corpus:
        report = corpus.ingest([str(SEED), str(crafted)])
    assert report.stored == 2, report
    with serve(str(work / "xss.db")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    """A fresh tab on the app; every script error and console error (a policy refusal is one) is kept in
    page.errors for the test to check."""
    context = browser.new_context(base_url=site, viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.errors = errors  # type: ignore[attr-defined]
    yield opened
    context.close()


def crafted_id(page: Page) -> str:
    [hit] = page.request.get("/api/articles", params={"q": "Geneva harbour"}).json()["items"]
    return str(hit["id"])


def assert_inert(page: Page, where: str) -> None:
    page.wait_for_load_state("networkidle")
    for node in page.locator("#view a, #view b, #view .fact").all()[:30]:
        if node.is_visible():
            node.hover(timeout=2000)
    assert page.evaluate("window.__pwned") is None, where
    assert page.evaluate(HOSTILE_NODES) == [], where


def test_the_crafted_article_is_text_on_every_page(page: Page) -> None:
    article = crafted_id(page)
    entity = page.request.get("/api/entities", params={"q": "Lavrov"}).json()["items"][0]["id"]
    page.goto("/#/?q=Geneva%20harbour")
    result = page.locator(".result")
    expect(result).to_contain_text("<script>window.__pwned='title'</script>")
    expect(result).to_contain_text(OUTLET)
    assert_inert(page, "search")

    page.goto(f"/#/article/{article}")
    expect(page.locator("h1")).to_have_text(CRAFTED["title"])
    meta = page.locator(".meta").first
    expect(meta).to_contain_text(OUTLET)
    expect(meta).to_contain_text(AUTHOR)
    expect(meta.get_by_role("link", name="original")).to_have_count(0)  # a javascript: url is not made a link
    expect(page.locator(".article-text")).to_contain_text("<script>window.__pwned='quote'</script>")
    expect(page.locator(".article-text")).to_contain_text("<a href=\"javascript:window.__pwned='link'\">here</a>")
    assert_inert(page, "article")
    screenshot(page, "xss-article")

    pages = [f"/#/entity/{entity}", "/#/quotes?about=Geneva", "/#/events?actor=RUS", "/#/entities?q=Lavrov",
             "/#/timeline?by=month&at=2022-02", "/#/dyad?a=RUS&b=UKR", "/#/network"]  # fmt: skip
    for route in pages:
        page.goto(route)
        expect(page.locator("#view .state.loading")).to_have_count(0)
        assert_inert(page, route)
    page.goto("/#/quotes?about=Geneva")
    expect(page.locator(".quote-text").first).to_contain_text("Geneva")  # the quotes page showed its quotes
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_policy_forbids_inline_scripts(page: Page) -> None:
    """The page the server sends runs only its own files: an inline script added to it is refused by the browser."""
    response = page.goto("/")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("#corpus-size")).to_contain_text("article")  # the app runs under the policy
    assert page.errors == []  # type: ignore[attr-defined]
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__pwned = "inline"'; document.body.append(s); }""")
    assert page.evaluate("window.__pwned") is None
    assert any("Content Security Policy" in error for error in page.errors)  # type: ignore[attr-defined]
