"""Each role end to end in headless Chromium: sign in, do the main job, check what the page shows, keep screenshots.

Needs Debian's chromium (`apt-get install -y chromium`) and the playwright Python package; never `playwright
install` (it downloads a browser). Screenshots of every main page go to reports/screenshots/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.ui import PASSWORDS, REPO, Launched

pytestmark = [pytest.mark.browser, pytest.mark.enable_socket]


SHOTS = REPO / "reports" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LONG = 60_000  # ms: a first page load on a slow CI machine


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by playwright, headless."""
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail("browser tests need Debian's chromium: apt-get update && apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "browser tests need the playwright package: pip install playwright==1.65.2 (not `playwright install`)"
        )
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) with a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1360, "height": 1000})
    context.set_default_timeout(LONG)
    yield context.new_page()
    context.close()


def expect(locator: Any) -> Any:
    """playwright's auto-waiting assertions."""
    from playwright.sync_api import expect as pw_expect

    return pw_expect(locator)


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot for a person to look at (after chained refreshes and plot rendering settle)."""
    page.wait_for_timeout(800)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, url: str, email: str) -> None:
    """Use the login form as a person would."""
    page.goto(url)
    page.locator("input[type=text]").first.fill(email)
    page.locator("input[type=password]").fill(PASSWORDS[email])
    page.get_by_role("button", name="Login").click()
    page.locator("#signed-in").get_by_text(email).wait_for()


def tab(page: Any, name: str) -> None:
    """Open a tab by its label."""
    page.get_by_role("tab", name=name, exact=True).click()


def choose(page: Any, label: str, option: str) -> None:
    """Pick an option in a Gradio dropdown."""
    page.get_by_label(label, exact=True).first.click()
    page.get_by_role("option", name=option).first.click()


def tabs_shown(page: Any) -> set[str]:
    """Labels of the top-level tabs this user sees."""
    labels = {"Manager", "Rep", "Knowledge base", "Scorecard", "Ask the copilot"}
    return {t.inner_text().strip() for t in page.get_by_role("tab").all() if t.inner_text().strip() in labels}


def test_manager_prepares_a_one_on_one_and_captures_the_meeting(team: Launched, page: Any) -> None:
    sign_in(page, team.url, "jordan.reyes@lanternline.example")
    assert tabs_shown(page) == {"Manager", "Scorecard", "Ask the copilot"}
    overview = page.locator("#team-overview")
    overview.get_by_text("Needs you now").wait_for()
    assert "Marcus Bell" in overview.inner_text() and "Dana Okafor" in overview.inner_text()
    page.get_by_text("Average level per month").first.wait_for()
    shot(page, "manager-team-overview")

    tab(page, "1-on-1")
    choose(page, "Rep", "Marcus Bell · Mid-Market East")
    from support.samples import QUESTIONS, drafted_questions

    team.model.enqueue(drafted_questions(*QUESTIONS))
    team.model.delay = 0.03  # the fake writes for about 4 s, so the page can be seen between questions
    try:
        page.get_by_role("button", name="Prepare brief").click()
        brief = page.locator("#prep-brief")
        brief.get_by_text("Reconcile first").wait_for()
        brief.get_by_text("Shape of the meeting").wait_for()
        brief.get_by_text(QUESTIONS[0]).wait_for()  # the first question shows while the model is still writing
        assert "not yet checked" in brief.inner_text() and "writing diagnostic questions" in brief.inner_text()
        assert QUESTIONS[2] not in brief.inner_text()
        shot(page, "manager-prep-brief-drafting")
        page.wait_for_function(
            "!document.querySelector('#prep-brief').innerText.includes('writing diagnostic questions')"
        )  # the final, checked brief has replaced the drafts
    finally:
        team.model.delay = 0.0
    final = brief.inner_text()
    assert "not yet checked" not in final and "Marcus Bell" in final and "Ask (open questions)" in final
    assert QUESTIONS[2] in final and "dropped 1 generated question(s): a closed (yes/no) question" in final
    shot(page, "manager-prep-brief")

    assign_a_roleplay(page, team)

    tab(page, "After the meeting")
    page.get_by_label("Notes").fill("Marcus walked through two discovery calls; the agenda slipped on both.")
    page.get_by_label("Agreements (one per line)").fill("Practise the agenda opener 5 times before Thursday")
    page.get_by_label("Action items").fill("Record the opener twice; due=2026-12-01; owner=rep")
    page.get_by_role("button", name="Save notes, agreements and action items").click()
    page.get_by_text("1 agreement(s), 1 action item(s)").wait_for()
    expect(page.get_by_label("Notes")).to_have_value("")  # cleared only after the save succeeded
    shot(page, "manager-after-the-meeting")

    tab(page, "Scorecard")
    page.get_by_role("button", name="Show").click()
    page.locator("#scorecard-heading").get_by_text("team(s)").wait_for()
    expect(page.locator("body")).to_contain_text("team Mid-Market East")
    shot(page, "manager-scorecard")


def assign_a_roleplay(page: Any, team: Launched) -> None:
    """Assign Marcus a scenario with a target level and a due date, and see it listed on the roleplay sub-tab."""
    from support.ui import ADMIN

    from copilot.records.store import open_store

    tab(page, "Roleplay")
    choose(page, "Roleplay scenario", "CFO questions the price before a renewal-season budget freeze")
    choose(page, "Target level", "Excellent (4)")
    due = dt.date.today() + dt.timedelta(days=14)  # a due date in the past is refused, so never a fixed day
    page.get_by_label("Due (YYYY-MM-DD, optional)").fill(due.isoformat())
    page.get_by_role("button", name="Assign scenario").click()
    status = page.locator("#manager-scenario-status")
    status.get_by_text("Assigned").wait_for()
    expect(status).to_contain_text("CFO questions the price before a renewal-season budget freeze")
    expect(status).to_contain_text("Marcus Bell")
    expect(status).to_contain_text("Excellent")
    expect(status).to_contain_text(due.strftime("%d %b %Y"))
    listed = page.get_by_label("Assigned scenarios")
    expect(listed).to_contain_text("CFO questions the price")
    expect(listed).to_contain_text(due.isoformat())
    store = open_store(team.settings)
    try:
        made = store.scenario_assignments(ADMIN, "rep-marcus-bell")
    finally:
        store.close()
    assert [(a.scenario, a.target_level, str(a.due), a.status) for a in made] == [
        ("sc-cfo-price-pushback", 4, due.isoformat(), "assigned")
    ]
    shot(page, "manager-roleplay")


def test_rep_sees_their_own_progress_and_marks_an_assignment_done(team: Launched, page: Any) -> None:
    sign_in(page, team.url, "dana.okafor@lanternline.example")
    assert tabs_shown(page) == {"Rep", "Ask the copilot"}
    status = page.locator("#rep-status")
    status.get_by_text("Dana Okafor").wait_for()
    assert "Fix these on your own" in status.inner_text()
    assert "Marcus" not in page.locator("body").inner_text()
    page.get_by_text("My levels over time").first.wait_for()
    shot(page, "rep-my-progress")

    tab(page, "Assignments and action items")
    page.get_by_label("Assignment", exact=True).first.click()
    page.get_by_role("option").first.click()
    page.get_by_label("What shows it is done (optional)").fill("Ran the drill with a peer")
    page.get_by_role("button", name="Mark done").first.click()
    page.get_by_text("Done:").wait_for()
    shot(page, "rep-assignments")

    tab(page, "Roleplay")
    roleplay_a_few_turns(page)
    shot(page, "rep-roleplay")

    tab(page, "Self-review")
    page.get_by_label("…or paste it").first.fill(
        "Dana: How does your team track deals today?\nBuyer: In spreadsheets, mostly.\n"
        "Dana: What goes wrong with that?\nBuyer: The numbers are stale by Monday.\n"
        "Dana: Let me share my screen. This is the pipeline view, updated from email automatically.\nBuyer: Okay.\n"
        "Dana: And this tab shows the deals nobody touched this week.\nBuyer: Good to know."
    )  # half questions, half screens: the page asks which kind of call it is
    page.get_by_role("button", name="Review").first.click()
    page.get_by_text("Sales call: what was measured").wait_for()
    page.get_by_text("discovery-call.next-steps").first.wait_for()  # each criterion scored, as the command shows it
    page.get_by_text("Not sure which kind of call this is").wait_for()
    shot(page, "rep-self-review")


def test_manager_reviews_a_call_and_sees_each_criterion_the_command_prints(team: Launched, page: Any) -> None:
    from copilot.app.review import ReviewRun, review_source, shown_evidence
    from ui.review import DATE_LABEL

    path = REPO / "evals" / "review" / "calls" / "discovery_strong.txt"
    sign_in(page, team.url, "jordan.reyes@lanternline.example")
    tab(page, "Transcript review")
    page.get_by_label("…or paste it").first.fill(path.read_text(encoding="utf-8"))
    page.get_by_label("Discovery call", exact=True).check()
    page.get_by_label(DATE_LABEL).fill("2026-12-02")
    page.get_by_role("button", name="Review", exact=True).click()
    result = page.locator("#review_transcript-result")
    result.get_by_text("Scored as discovery-call").wait_for()

    run = ReviewRun(kind="call", interaction="discovery-call", day=dt.date(2026, 12, 2))
    expected, _ = review_source(team.ctx.app, path.read_bytes(), run, filename=path.name)
    rows = [[c.inner_text().strip() for c in row.locator("td").all()] for row in result.locator("tr").all()]
    shown = {cells[1]: cells for cells in rows if len(cells) == 4}  # the scores table: level, criterion, evidence, why
    assert set(shown) == {s["criterion_id"] for s in expected["scores"]}, rows
    for score in expected["scores"]:
        level, _, evidence, _ = shown[score["criterion_id"]]
        assert level == f"{score['level']} {score['label']}"
        assert evidence.strip('"“”') == shown_evidence(score).strip('"')
    # the date typed is the one deadlines count from: the buyer's "by Friday" is Friday 4 December
    expect(result).to_contain_text("deadlines counted from Wed 02 Dec 2026")
    expect(result).to_contain_text("due Fri 04 Dec 2026 ('by Friday')")
    shot(page, "manager-transcript-review")


def roleplay_a_few_turns(page: Any) -> None:
    """Pick a scenario, read its card, answer the buyer twice, end it and see the score with evidence and trend."""
    from support.samples import STRONG

    choose(page, "Scenario", "First discovery call with a newly hired CRO (easy)")
    page.locator("#roleplay-card").get_by_text("newly hired CRO").first.wait_for()
    page.get_by_role("button", name="Start", exact=True).click()
    chat = page.locator("#roleplay-chat")
    chat.get_by_text("Send me a deck").wait_for()
    say = page.locator("#roleplay-say textarea")
    for count, line in enumerate(STRONG[:2], start=2):
        say.fill(line)
        page.get_by_role("button", name="Send", exact=True).click()
        expect(chat.locator(".bot-row")).to_have_count(count)
        expect(chat.locator(".bot-row").last).not_to_have_text("…")
        expect(say).to_have_value("")
    assert STRONG[0] in chat.inner_text()
    page.get_by_role("button", name="End and score").click()
    score = page.locator("#roleplay-score")
    score.get_by_text("Your score").wait_for()
    expect(score).to_contain_text("Acknowledges the concern")
    expect(score).to_contain_text('"Happy to send something short."')
    expect(score).to_contain_text("Next drill")
    expect(page.locator("#roleplay-trend")).to_contain_text("First discovery call with a newly hired CRO")


def test_enablement_uploads_a_broken_then_a_good_file_and_previews(team: Launched, page: Any, tmp_path: Path) -> None:
    from support.samples import BROKEN_CATALOG, GOOD_GUIDE

    broken, good = tmp_path / "agenda_catalog.yaml", tmp_path / "pilot-first.txt"
    broken.write_text(BROKEN_CATALOG)
    good.write_text(GOOD_GUIDE)
    sign_in(page, team.url, "ana.lopez@lanternline.example")
    assert tabs_shown(page) == {"Knowledge base", "Scorecard", "Ask the copilot"}

    page.locator("#kb-files input[type=file]").set_input_files(str(broken))
    page.get_by_role("button", name="Validate and ingest").click()
    page.locator("#kb-upload-summary").get_by_text("Not added").wait_for()
    problems = page.locator("#kb-problems")
    expect(problems).to_contain_text("discovery-call.agendaa")
    expect(problems).to_contain_text("uploads/agenda_catalog.yaml")
    shot(page, "enablement-upload-errors")

    page.locator("#kb-files button[aria-label='Clear']").first.click()
    page.locator("#kb-files input[type=file]").set_input_files(str(good))
    page.get_by_role("button", name="Validate and ingest").click()
    page.locator("#kb-upload-summary").get_by_text("uploads/pilot-first.txt").wait_for()
    shot(page, "enablement-upload-ok")

    tab(page, "Retrieval preview")
    page.get_by_label("What would the copilot retrieve for…").fill("quillfeather pilot decision date")
    page.get_by_text("keyword", exact=True).click()
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#kb-results")).to_contain_text("uploads/pilot-first.txt")
    shot(page, "enablement-retrieval-preview")

    tab(page, "Coverage gaps")
    page.get_by_role("button", name="Find gaps").click()
    page.locator("#kb-coverage").get_by_text("Knowledge base:").wait_for()
    shot(page, "enablement-coverage")

    tab(page, "Browse and remove")
    choose(page, "Type", "guide")
    page.get_by_role("button", name="Show items").click()
    expect(page.get_by_label("Indexed items")).to_contain_text("guide-pilot-first")
    shot(page, "enablement-browse")


def test_single_user_mode_opens_every_page_without_login(single_user: Launched, page: Any) -> None:
    page.goto(single_user.url)
    page.locator("#signed-in").get_by_text("Single-user mode").wait_for()
    assert tabs_shown(page) == {"Manager", "Rep", "Knowledge base", "Scorecard", "Ask the copilot"}
    page.locator("#team-overview").get_by_text("Needs you now").wait_for()
    shot(page, "single-user-home")
    from copilot.errors import ModelUnavailableError

    tab(page, "Ask the copilot")
    single_user.model.enqueue(ModelUnavailableError("cannot reach the model endpoint", fix="start the server"))
    box = page.get_by_label("Your question")
    box.fill("the buyer has no budget this year")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("cannot reach the model endpoint").first.wait_for()
    page.get_by_text("Sources:").first.wait_for()  # the retrieved passages still show, with their ids
    assert box.input_value() == "the buyer has no budget this year", "the question must survive a model failure"
    shot(page, "single-user-chat-model-failure")
