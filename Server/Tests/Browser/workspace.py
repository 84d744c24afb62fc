#!/usr/bin/env python3
"""An analyst's day in the browser, driven through Debian's chromium with Playwright.

  workspace.py --chromium PATH --server http://127.0.0.1:PORT/ --editor SECRET --viewer SECRET \
      --artifacts DIR --article FILE --published YYYY-MM-DD [--flows all|measure|keys]

The case (made by the caller) has parties north (Northland) and south (Southland), actors lind
and okoro, the issue water with a statement of each party, and the sources gazette and bulletin.

Flows (all):
  viewer     signs in as a viewer: no form on the issue page, the review page is refused
  signin     an editor opens an issue page, follows "Sign in", and comes back to that page
  record     records a statement on the issue page: a near-miss label is refused with the
             confirmation box, confirmed, and the statement's page says what was recorded
  board      the new position is on the positions page, with the party's name
  amend      amends the statement's summary with a reason; retracts it with a reason; the change
             log shows both
  review     pastes the article, accepts two drafts (stance labels given), rejects the rest; the
             issue page shows them
  search     searches from the navigation bar; hits are marked and link to statements
  download   downloads the statements as CSV and reads it back
  forged     a cross-site page posts a retraction; a cross-site request with the session cookie
             posts one too; both are refused
  shots      every page at 1280 and 390 px, as PNG files in --artifacts

Flow measure (--flows measure --edits FILE): the review page alone on the article, accepting the
drafts FILE names with the values typed in each, counting keystrokes (characters typed, keys
pressed) and clicks, timed from pasting the article to the statements shown on their issue pages;
the same statements as `parley add` command lines, their characters counted.

Flow keys (--flows keys): the review page with the keyboard alone: the legend shown, the current
draft outlined with its words in the article; accepts drafts 1 and 3 (typing their stance labels,
whose letters are keys too), rejects draft 2, edits draft 3's summary, goes back and forth,
records with Ctrl+Enter. Then the same page with JavaScript off: no legend, the same form.

Prints one JSON object with what each flow saw. The caller checks the database.
"""
import argparse
import csv
import io
import json
import re
import sys
import time

from playwright.sync_api import sync_playwright


class Hands:
    """A user's hands on a page: what is typed and clicked, counted."""

    def __init__(self, page):
        self.page = page
        self.keys = 0
        self.clicks = 0

    def fill(self, selector, text):
        self.page.fill(selector, text)
        self.keys += len(text)

    def clear_and_fill(self, selector, text):
        # Select all, then type: one key chord and the text.
        self.page.fill(selector, text)
        self.keys += 1 + len(text)

    def click(self, selector):
        self.page.click(selector)
        self.clicks += 1

    def check(self, selector):
        self.page.check(selector)
        self.clicks += 1


def sign_in(page, base, secret):
    page.goto(base + "signin")
    page.fill("main form[action='/signin'] input[name=token]", secret)
    page.click("main form[action='/signin'] button")


def shoot(page, artifacts, name, shots):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        path = f"{artifacts}/workspace-{name}-{width}.png"
        page.screenshot(path=path, full_page=True)
        shots.append(path)
    page.set_viewport_size({"width": 1280, "height": 900})


def viewer_flow(browser, args, out):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, args.server, args.viewer)
    page.goto(args.server + "issues/water")
    out["viewer_forms"] = page.locator("main form[method=post]").count()
    out["viewer_nav"] = page.locator("nav .account").inner_text()
    response = page.goto(args.server + "review")
    out["viewer_review_status"] = response.status
    context.close()


def editor_flows(browser, args, out):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    base = args.server
    # Sign-in returns to the page that asked for it.
    page.goto(base + "issues/water")
    out["anonymous_status"] = page.title()
    page.goto(base + "parties/north")
    page.click("nav a.account")
    page.fill("main form[action='/signin'] input[name=token]", args.editor)
    page.click("main form[action='/signin'] button")
    out["signin_returned_to"] = page.url.replace(base, "/")
    out["editor_nav"] = page.locator("nav .account").inner_text()

    # Record on the issue page: a label one letter from one in use is refused, then confirmed.
    page.goto(base + "issues/water")
    hands = Hands(page)
    started = time.monotonic()
    hands.fill("#f-party", "Riverton")  # an alias of north
    hands.fill("#f-stance", "share-equaly")
    page.select_option("#f-kind", "demand")
    hands.clicks += 1
    hands.fill("#f-summary", "Northland asks again for an equal share of the river.")
    hands.fill("#f-source", "bulletin")
    hands.click("#record form button")
    out["near_miss_problem"] = page.locator(".problems").inner_text()
    out["near_miss_box"] = page.locator("input[name=new_label]").count()
    hands.check("input[name=new_label]")
    hands.click("#record form button")
    out["record_seconds"] = round(time.monotonic() - started, 2)
    out["record_keys"], out["record_clicks"] = hands.keys, hands.clicks
    out["recorded_url"] = page.url.replace(base, "/")
    out["recorded_notice"] = page.locator(".notice").inner_text()
    number = re.search(r"/statements/(\d+)", page.url).group(1)
    out["recorded_number"] = int(number)
    shoot(page, args.artifacts, "statement", out["shots"])

    # On the board: the positions page shows the new label under the party's name.
    page.goto(base + "positions")
    out["positions_has_label"] = page.locator("text=share-equaly").count() > 0
    out["positions_has_name"] = page.locator("th >> text=Northland").count() > 0

    # Amend, then retract; both in the change log.
    page.goto(base + f"statements/{number}")
    page.fill("#a-summary", "Northland asks once more for an equal share of the river.")
    page.fill("#a-reason", "wording as in the bulletin")
    page.click("#amend form button")
    out["amended_notice"] = page.locator(".notice").inner_text()
    page.fill("#retract input[name=reason]", "the bulletin withdrew the report")
    page.click("#retract form button")
    out["log"] = page.locator("ol.log").inner_text()
    out["retracted_shown"] = page.locator(".retracted").inner_text()
    out["forms_after_retraction"] = page.locator("#amend, #retract").count()

    # Review a pasted article: accept two drafts, reject the rest.
    page.goto(base + "review")
    page.fill("#rv-text", open(args.article, encoding="utf-8").read())
    page.fill("#rv-published", args.published)
    page.click("#review-start button")
    out["drafts"] = page.locator("fieldset.draft:not(.added)").count()
    out["marked_spans"] = page.locator("pre.article mark").count()
    shoot(page, args.artifacts, "review", out["shots"])
    for index, stance in ((0, "share-equally"), (2, "share-by-need")):
        page.check(f"input[name=accept_{index}]")
        page.fill(f"#d{index}-stance", stance)
        page.fill(f"#d{index}-issue", "water")
    page.click(".review-submit button")
    out["review_landed_on"] = page.url.replace(base, "/")
    out["review_notice"] = page.locator(".notice").inner_text() if page.locator(".notice").count() else ""
    page.goto(base + "issues/water")
    out["issue_events"] = page.locator("text=northland-and-southland-split-over-the-2020-05-03").count()
    shoot(page, args.artifacts, "issue", out["shots"])

    # Search from the navigation bar.
    page.goto(base + "positions")
    page.fill("nav form.search input[name=q]", "river")
    page.press("nav form.search input[name=q]", "Enter")
    page.wait_for_load_state()
    out["search_url"] = page.url.replace(base, "/")
    out["search_marks"] = page.locator("ol.hits mark").count()
    out["search_statement_links"] = page.locator("ol.hits a[href^='/statements/']").count()
    shoot(page, args.artifacts, "search", out["shots"])

    # Download the statements as CSV and read them back.
    page.goto(base + "statements?issue=water")
    with page.expect_download() as download:
        page.click("p.downloads >> text=CSV")
    text = open(download.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    out["csv_name"] = download.value.suggested_filename
    out["csv_columns"] = list(rows[0].keys()) if rows else []
    out["csv_stances"] = sorted({row.get("stance", "") for row in rows})
    shoot(page, args.artifacts, "statements", out["shots"])

    for name, path in (("board", ""), ("positions", "positions"), ("party", "parties/north"), ("sources", "sources")):
        page.goto(base + path)
        shoot(page, args.artifacts, name, out["shots"])

    # A cross-site request that carries the session cookie is refused.
    answer = context.request.post(
        base + "statements/1/retract",
        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"},
        form={"reason": "forged"},
        max_redirects=0,
    )
    out["forged_with_cookie_status"] = answer.status

    # An attacker's page (another origin) posts a retraction form on load.
    evil = context.new_page()
    target = base + "statements/1/retract"
    evil.route(
        "http://evil.example/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body=f"""<!doctype html><form id="f" method="post" action="{target}">
<input name="reason" value="forged by a page"></form>
<script>document.getElementById('f').submit()</script>""",
        ),
    )
    with evil.expect_navigation():
        evil.goto("http://evil.example/")
    out["forged_page_landed_on"] = evil.url
    out["forged_page_says"] = evil.locator("main").inner_text()[:200]
    context.close()


def measure(browser, args, out):
    """Reviews the article, accepting the drafts --edits names (a JSON list of {"draft": N,
    "stance": ..., and "issue", "kind" where the draft's are wrong}), the rest rejected by leaving
    them unticked. A typed value counts its characters, a paste or a tick one key or click, a
    choice in a list two clicks."""
    edits = json.load(open(args.edits, encoding="utf-8"))
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, args.server, args.editor)
    hands = Hands(page)
    article = open(args.article, encoding="utf-8").read()
    started = time.monotonic()
    page.goto(args.server + "review")
    page.fill("#rv-text", article)
    hands.keys += 1  # pasted
    hands.fill("#rv-published", args.published)
    hands.click("#review-start button")
    drafted = time.monotonic()
    drafts = page.locator("fieldset.draft:not(.added)").count()
    accepted = []
    for edit in edits:
        index = edit["draft"] - 1
        hands.check(f"input[name=accept_{index}]")
        hands.fill(f"#d{index}-stance", edit["stance"])
        if "issue" in edit:
            hands.clear_and_fill(f"#d{index}-issue", edit["issue"])
        if "kind" in edit:
            page.select_option(f"#d{index}-kind", edit["kind"])
            hands.clicks += 2
        accepted.append(
            {
                field: page.input_value(f"#d{index}-{field}")
                for field in ("party", "actor", "issue", "kind", "stance", "summary", "quote", "said", "via")
            }
        )
    hands.click(".review-submit button")
    landed = page.url
    recorded = page.locator(".notice").inner_text() if page.locator(".notice").count() else page.content()[:2000]
    issues = sorted({row["issue"] for row in accepted})
    for issue in issues:
        page.goto(args.server + "issues/" + issue)
    seconds = time.monotonic() - started
    source = re.search(r"/sources/([^?]+)", landed)
    source_id = source.group(1) if source else "SOURCE"
    # The same statements typed as `parley add` commands, and the source with its text file.
    commands = [
        f"parley source add --id {source_id} --title 'TITLE' --published {args.published} "
        + f"--text-file {args.article_name}"
    ]
    for row in accepted:
        command = "parley add"
        for field in ("party", "actor", "issue", "kind", "stance", "summary", "quote", "said", "via"):
            value = row[field]
            if value:
                command += f" --{field} " + (f"'{value}'" if re.search(r"[^A-Za-z0-9/._-]", value) else value)
        command += f" --source {source_id}"
        commands.append(command)
    out["measure"] = {
        "drafts": drafts,
        "accepted": len(accepted),
        "recorded": recorded,
        "landed_on": landed.replace(args.server, "/"),
        "browser_keys": hands.keys,
        "browser_clicks": hands.clicks,
        "seconds_drafting": round(drafted - started, 2),
        "seconds_paste_to_board": round(seconds, 2),
        "cli_commands": len(commands),
        "cli_characters": sum(len(c) + 1 for c in commands),
        "cli_text": commands,
    }
    context.close()


def keys(browser, args, out):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, args.server, args.editor)
    page.goto(args.server + "review")
    page.fill("#rv-text", open(args.article, encoding="utf-8").read())
    page.fill("#rv-published", args.published)
    page.click("#review-start button")
    seen = {"shots": out["shots"]}
    keyboard = page.keyboard

    def now():
        """The current draft and the marked words in the article, as their ids."""
        return {
            "draft": page.eval_on_selector_all("fieldset.draft.current", "e => e.map(x => x.id)"),
            "span": page.eval_on_selector_all("a.span.current", "e => e.map(x => x.id)"),
            "focus": page.evaluate("document.activeElement && document.activeElement.id"),
        }

    page.wait_for_function("!document.getElementById('review-keys').hidden")
    seen["legend"] = page.locator("#review-keys").inner_text()
    seen["start"] = now()
    # Draft 1: accept; the cursor is in its stance box; the issue two boxes back; Enter moves on.
    keyboard.press("a")
    seen["after_accept"] = now()
    keyboard.press("Shift+Tab")
    keyboard.press("Shift+Tab")
    keyboard.type("water")
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.type("share-equally")
    keyboard.press("Enter")
    seen["after_enter"] = now()
    # Draft 2: reject.
    keyboard.press("r")
    seen["after_reject"] = now()
    # Draft 3: edit its summary, leave the box, accept it with its issue and stance.
    keyboard.press("e")
    seen["editing"] = now()
    keyboard.type("Okoro says the shares of the river must follow need.")
    keyboard.press("Escape")
    seen["after_escape"] = now()
    keyboard.press("a")
    keyboard.press("Shift+Tab")
    keyboard.press("Shift+Tab")
    keyboard.type("water")
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.type("share-by-need")
    keyboard.press("Enter")
    keyboard.press("k")
    seen["after_k"] = now()
    keyboard.press("j")
    seen["after_j"] = now()
    seen["accepted"] = page.eval_on_selector_all(
        "fieldset.draft input[name^=accept_]:checked", "e => e.map(x => x.name)")
    seen["rejected"] = page.eval_on_selector_all("fieldset.draft.rejected", "e => e.map(x => x.id)")
    seen["marked_accepted"] = page.eval_on_selector_all("a.span.accepted", "e => e.map(x => x.id)")
    shoot(page, args.artifacts, "review-keys", seen["shots"])
    with page.expect_navigation():
        keyboard.press("Control+Enter")
    seen["landed_on"] = page.url.replace(args.server, "/")
    context.close()

    # Without JavaScript: no legend, the same form, accepted by hand.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, args.server, args.editor)
    page.goto(args.server + "review")
    page.fill("#rv-text", open(args.article, encoding="utf-8").read())
    page.fill("#rv-published", args.published)
    page.click("#review-start button")
    seen["no_script_legend_visible"] = page.locator("#review-keys").is_visible()
    seen["no_script_drafts"] = page.locator("fieldset.draft:not(.added)").count()
    seen["no_script_accept_boxes"] = page.locator("input[name^=accept_]").count()
    context.close()
    out["keys"] = seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--editor", required=True)
    parser.add_argument("--viewer", default="")
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--article", required=True)
    parser.add_argument("--published", required=True)
    parser.add_argument("--flows", default="all")
    parser.add_argument("--edits", help="measure: the drafts to accept and what to type in each (JSON)")
    parser.add_argument("--article-name", default="ARTICLE.txt", help="measure: the file name a CLI user types")
    args = parser.parse_args()
    if not args.server.endswith("/"):
        args.server += "/"
    out = {"shots": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        try:
            if args.flows == "measure":
                measure(browser, args, out)
            elif args.flows == "keys":
                keys(browser, args, out)
            else:
                viewer_flow(browser, args, out)
                editor_flows(browser, args, out)
        finally:
            browser.close()
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
