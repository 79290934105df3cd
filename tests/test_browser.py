"""The web app in a real browser: Debian's Chromium, driven by Playwright, against the real server over a SQLite file
filled by the real pipeline. Each page is saved as build/screenshots/*.png for a person to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from browser_support import chromium, fill_database, screenshot, serve
from conftest import SEED, SHARED

CLIENT_ERROR = re.compile(r"status of 4\d\d")
SEED_TITLE = "Putin says he will consider recognising the independence of two separatist territories in Ukraine"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"{SHARED} is absent: the shared corpora live beside the checkout")
    work = tmp_path_factory.mktemp("browser")
    db = fill_database(work / "web.db", SHARED, SEED, work)
    with serve(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    """A fresh tab on the app; the test fails if the page raised a script error or a request failed with a 5xx
    (a 4xx is a bad filter, which the app shows as text and the tests check where they ask for one)."""
    context = browser.new_context(base_url=site, viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    problems: list[str] = []

    def logged(message: ConsoleMessage) -> None:
        if message.type == "error" and not CLIENT_ERROR.search(message.text):
            problems.append(message.text)

    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on("console", logged)
    yield opened
    context.close()
    assert not problems, problems


def seed_id(page: Page) -> str:
    found = page.request.get("/api/articles", params={"q": '"task No. 1"'}).json()
    [hit] = found["items"]
    return str(hit["id"])


def test_search_shows_snippets_and_opens_the_reader(page: Page) -> None:
    page.goto("/#/?q=Minsk%20agreements")
    result = page.locator(".result").filter(has_text=SEED_TITLE)
    expect(result).to_have_count(1)
    expect(result.locator(".snippet mark").first).to_have_text(re.compile("Minsk|agreements"))
    expect(page.locator(".lede")).to_contain_text("articles from")
    screenshot(page, "search")
    result.get_by_role("link", name=SEED_TITLE).click()
    expect(page).to_have_url(re.compile(r"#/article/[0-9a-f]+"))
    expect(page.locator("h1")).to_have_text(SEED_TITLE)


def test_search_filters_by_person_and_event_type(page: Page) -> None:
    page.goto("/#/")
    page.fill("input[name=person]", "Vladimir Putin")
    page.select_option("select[name=plover]", "REQUEST")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"person=Vladimir\+Putin.*plover=REQUEST"))
    expect(page.locator(".result").first).to_be_visible()
    events = page.locator("section.panel", has=page.locator("h2", has_text="Events")).locator(".fact.event")
    expect(events.first).to_contain_text("REQUEST")
    expect(page.locator("h2", has_text="Articles")).to_contain_text("mentioning Vladimir Putin, reporting REQUEST")
    putin = page.request.get("/api/entities", params={"q": "Vladimir Putin", "kind": "PERSON"}).json()["items"][0]
    wanted = {"entity_id": putin["id"], "plover": "REQUEST", "limit": 500}
    expected = [a["title"] for a in page.request.get("/api/articles", params=wanted).json()["items"]]
    expect(page.locator(".result h3")).to_have_text(expected)
    screenshot(page, "search-filters")


def test_reader_marks_putins_quotes_with_their_speaker(page: Page) -> None:
    page.goto(f"/#/article/{seed_id(page)}")
    text = page.locator(".article-text")
    task = text.locator(".l-quote", has_text="task No. 1")
    expect(task.first).to_be_visible()
    quote_id = task.first.get_attribute("data-quote")
    opening = text.locator(f".quote-start[data-quote='{quote_id}']")  # the speaker's name is drawn before it
    expect(opening).to_have_attribute("data-speaker", "Vladimir Putin")
    assert text.locator(".quote-start[data-speaker='Vladimir Putin']").count() >= 3
    expect(text.locator(".l-time", has_text="Monday").first).to_be_visible()
    expect(text.locator(".l-event").first).to_be_visible()
    screenshot(page, "reader")

    task.first.click()  # a fact opens its record beside the text, and its words are marked as chosen
    record = page.locator(".record")
    expect(record.locator("h3")).to_have_text("Quote")
    expect(record).to_contain_text("Vladimir Putin")
    expect(text.locator(".selected").first).to_be_visible()
    screenshot(page, "reader-record", full_page=False)

    text.locator("a.l-entity", has_text="Lavrov").first.click()  # a name opens its actor's page
    expect(page.locator("h1")).to_have_text(re.compile("Lavrov"))


def test_actor_page_shows_what_putin_said_and_did(page: Page) -> None:
    page.goto(f"/#/article/{seed_id(page)}")
    page.locator(".article-text a.l-entity", has_text="Vladimir Putin").first.click()
    expect(page.locator("h1")).to_have_text("Vladimir Putin")
    expect(page.locator(".facts-about")).to_contain_text("RUS")
    said = page.locator("section.panel", has=page.locator("h2", has_text="What they said"))
    expect(said.locator(".quote-text", has_text="task No. 1")).to_have_count(1)
    did = page.locator("section.panel", has=page.locator("h2", has_text="What they did"))
    expect(did.locator(".fact.event").first).to_be_visible()
    expect(page.locator("table.partners tbody tr").first).to_be_visible()
    expect(page.locator(".chart.small canvas").first).to_be_visible()
    screenshot(page, "actor")

    said.locator(".quote-text", has_text="task No. 1").click()  # a quote leads down to its place in the article
    expect(page).to_have_url(re.compile(r"#/article/[0-9a-f]+\?start=\d+&end=\d+"))
    expect(page.locator(".article-text .focus").first).to_contain_text("task No. 1")


def test_dyad_chart_point_leads_to_the_sentence(page: Page) -> None:
    page.goto("/#/dyad?a=RUS&b=USA&by=month")
    chart = page.locator(".chart canvas").first
    expect(chart).to_be_visible()
    page.wait_for_timeout(500)  # the bars' entry animation
    screenshot(page, "dyad")

    # Where the library drew the latest month with events: ask ECharts itself, then click there as a person would.
    x, y = page.evaluate(
        """async () => {
          const echarts = await import('/static/vendor/echarts.esm.min.js');
          const chart = echarts.getInstanceByDom(document.querySelector('.chart'));
          const periods = chart.getOption().xAxis[0].data;
          const events = chart.getOption().series.slice(0, 4)
            .reduce((sum, s) => s.data.map((n, i) => n + (sum[i] || 0)), []);
          const last = events.map((n, i) => (n ? i : -1)).filter((i) => i >= 0).pop();
          return chart.convertToPixel({ seriesIndex: 0 }, [periods[last], events[last] / 2]);
        }"""
    )
    box = chart.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)
    expect(page).to_have_url(re.compile(r"at=2022-02"))
    listed = page.locator(".chart-detail .paged > ul > .fact.event")  # one row per event, not the reports under it
    expect(listed.first).to_be_visible()
    counted = int(page.locator(".chart-detail .detail-head a").inner_text().split()[0])
    expect(listed).to_have_count(counted)  # the number the chart shows is the number of rows behind it
    sentence = listed.first.locator("a.evidence")
    words = sentence.inner_text()
    screenshot(page, "dyad-point")

    several = listed.filter(has=page.locator(".reports-toggle"))
    if several.count():  # an event told by several articles opens its other reports, each linked to its sentence
        several.first.locator(".reports-toggle").click()
        expect(several.first.locator(".fact.report a.evidence").first).to_be_visible()

    sentence.click()
    expect(page).to_have_url(re.compile(r"#/article/[0-9a-f]+\?start=\d+&end=\d+"))
    focused = page.locator(".article-text .focus")
    expect(focused.first).to_be_in_viewport()
    assert "".join(focused.all_inner_texts()).split() == words.split()
    screenshot(page, "dyad-sentence", full_page=False)


def test_article_markup_is_shown_as_text(page: Page) -> None:
    page.goto("/#/?q=spokesman")
    page.get_by_role("link", name=re.compile("Markup test")).click()
    expect(page.locator("h1")).to_have_text("Markup test: <script>window.__pwned = 1</script> in a headline")
    expect(page.locator(".article-text")).to_contain_text('"<script>window.__pwned = 2</script>"')
    expect(page.locator(".article-text")).to_contain_text('<img src=x onerror="window.__pwned = 3">')
    assert page.locator("#view script, #view img").count() == 0
    assert page.evaluate("window.__pwned") is None
    screenshot(page, "reader-markup")


def test_timeline_zooms_and_lists_a_periods_events(page: Page) -> None:
    page.goto("/#/timeline?by=month")
    chart = page.locator(".chart canvas").first
    expect(chart).to_be_visible()
    page.wait_for_timeout(500)
    screenshot(page, "timeline")
    box = chart.bounding_box()
    assert box is not None
    page.goto("/#/timeline?by=month&at=2022-02")
    expect(page.locator(".chart-detail .fact.event").first).to_be_visible()
    expect(page.locator(".chart-detail .detail-head")).to_contain_text("2022-02")

    page.goto("/#/timeline?by=month&q=Putin&at=2022-02")  # the words narrow the events listed under a period too
    listed = page.locator(".chart-detail .paged > ul > .fact.event")
    expect(listed.first).to_be_visible()
    expect(listed).to_have_count(int(page.locator(".chart-detail .detail-head a").nth(1).inner_text().split()[0]))
    assert all("putin" in text.lower() for text in listed.locator("a.evidence").all_inner_texts())
    screenshot(page, "timeline-words")


def test_network_quotes_events_and_actors_pages(page: Page) -> None:
    page.goto("/#/network")
    expect(page.locator(".chart.network canvas").first).to_be_visible()
    expect(page.locator("table.partners tbody tr").first).to_be_visible()
    page.wait_for_timeout(1500)  # the force layout settles
    screenshot(page, "network")

    page.goto("/#/quotes?about=security")
    group = page.locator(".speaker-group", has=page.locator("h2", has_text="Vladimir Putin"))
    expect(group).to_have_count(1)
    expect(group.locator(".quote-text").first).to_be_visible()
    screenshot(page, "quotes")

    page.goto("/#/events?actor=RUS")
    expect(page.locator(".fact.event").first).to_be_visible()
    screenshot(page, "events")

    page.goto("/#/entities?kind=PERSON")
    expect(page.locator(".entity-list li", has_text="Vladimir Putin")).to_have_count(1)
    screenshot(page, "actors")


def test_unsure_events_wait_behind_the_shown_field(page: Page) -> None:
    page.goto("/#/events")
    expect(page.locator(".fact.event").first).to_be_visible()
    likely = page.locator(".fact.event").count()
    unsure = page.locator(".fact.event .badge", has_text="unsure").count()  # reports of a group a surer one shows
    page.select_option("select[name=min_confidence]", "0")
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator(".fact.event .badge", has_text="unsure").nth(unsure)).to_be_visible()
    assert "min_confidence=0" in page.url
    assert page.locator(".fact.event").count() > likely


def test_bad_filters_and_unknown_pages_say_what_was_wrong(page: Page) -> None:
    page.goto("/#/article/ffffffffffffffff")
    expect(page.locator(".state.error")).to_contain_text("ffffffffffffffff")
    page.goto("/#/dyad?a=RUS&b=USA&by=fortnight")
    expect(page.locator(".state.error")).to_contain_text("by")
    page.goto("/#/nowhere")
    expect(page.locator(".state.error")).to_contain_text("/nowhere")
    screenshot(page, "error")


def test_the_app_is_served_offline(page: Page, site: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/#/dyad?a=RUS&b=USA")
    expect(page.locator(".chart canvas").first).to_be_visible()
    assert any(url.endswith("/static/vendor/echarts.esm.min.js") for url in requested), requested
    assert all(url.startswith(site) for url in requested), requested


def test_charts_say_so_when_the_chart_library_was_not_built(page: Page) -> None:
    # As if `make vendor` had been skipped: the server answers 404 for the library, and the chart's place says why.
    page.route("**/static/vendor/**", lambda route: route.fulfill(status=404, body="missing"))
    page.goto("/#/dyad?a=RUS&b=USA")
    expect(page.locator(".chart .state.error")).to_contain_text("make vendor")
    expect(page.locator(".chart-detail")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("events? between RUS and USA"))).to_be_visible()
