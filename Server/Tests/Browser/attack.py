#!/usr/bin/env python3
"""A signed-in reader's browser visits an attacker's pages on another local origin.

  attack.py --chromium PATH --server http://127.0.0.1:PORT/ --session ID --statement N

Starts the attacker's web server (Python's http.server, on another port of 127.0.0.1, serving
pages written here) and headless Chromium, driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: no extra library, no open debugging port). The browser holds the
victim's session cookie for the Parley server, as after signing in. Then, as the victim:

  control    opens the Parley board itself: the cookie works (its title, not the sign-in page)
  form       opens a page that auto-submits `enctype=text/plain` forms whose body is JSON: a
             retraction through the API, and a sign-in as the attacker
  fetch      opens a page that sends `fetch(..., {mode: 'no-cors', credentials: 'include'})`
             retractions, as text/plain and as a form
  frame      opens a page that frames the Parley board in an iframe; reports the frame's URL
             (Chromium shows an error page in place of a page that refuses to be framed)
  selfframe  the same page framing one of the attacker's own pages, as a control

Prints one JSON object with what each step saw. The caller checks the Parley database.
"""
import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

PAGES = {
    "form.html": """<!doctype html><html><body>
<form id="retract" method="post" action="{api}/statements/{n}/retract" enctype="text/plain" target="one">
<input name='{{"reason":"forged' value=' by a form"}}'></form>
<form id="signin" method="post" action="{base}signin" enctype="application/x-www-form-urlencoded" target="two">
<input name="token" value="parley_attackers-own-secret"></form>
<iframe name="one"></iframe><iframe name="two"></iframe>
<script>document.getElementById('retract').submit(); document.getElementById('signin').submit();</script>
</body></html>""",
    "fetch.html": """<!doctype html><html><body><script>
const url = '{api}/statements/{n}/retract';
fetch(url, {{method: 'POST', mode: 'no-cors', credentials: 'include', headers: {{'Content-Type': 'text/plain'}},
  body: JSON.stringify({{reason: 'forged by fetch'}})}});
fetch(url, {{method: 'POST', mode: 'no-cors', credentials: 'include',
  headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, body: '{{"reason":"forged by fetch"}}'}});
document.title = 'sent';
</script></body></html>""",
    "frame.html": """<!doctype html><html><body><iframe id="board" src="{base}" width="800" height="600"></iframe>
</body></html>""",
    "selfframe.html": """<!doctype html><html><body><iframe id="own" src="/own.html"></iframe></body></html>""",
    "own.html": """<!doctype html><html><head><title>attacker's own</title></head><body>own</body></html>""",
}


class Browser:
    """Chromium over the DevTools protocol on fds 3 (commands in) and 4 (answers out)."""

    def __init__(self, chromium, profile):
        to_browser, self.writer = os.pipe()
        self.reader, from_browser = os.pipe()

        def fds():
            # Out of the way first, in case the pipes are 3 and 4 the wrong way round.
            high_in, high_out = os.dup(to_browser) + 100, os.dup(from_browser) + 100
            os.dup2(to_browser, high_in)
            os.dup2(from_browser, high_out)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--no-first-run", "about:blank"],
            close_fds=False, preexec_fn=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.next_id = 0
        self.buffer = b""
        self.events = []

    def send(self, method, params=None, session=None, timeout=20):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.writer, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while time.time() < deadline:
            answer = self.read()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)
        raise TimeoutError(method)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.reader, 65536)
            if not chunk:
                raise EOFError("the browser closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--server", required=True, help="the Parley server's base URL, ending in /")
    parser.add_argument("--session", required=True, help="the victim's session id")
    parser.add_argument("--cookie", default="parley_session", help="the session cookie's name")
    parser.add_argument("--statement", type=int, default=1)
    parser.add_argument("--wait", type=float, default=2.0)
    args = parser.parse_args()
    base = args.server
    api = base + "api/v1"

    folder = tempfile.mkdtemp(prefix="parley-attacker-")
    for name, text in PAGES.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text.format(base=base, api=api, n=args.statement))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_):
            pass

    attacker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{attacker.server_address[1]}"

    browser = Browser(args.chromium, tempfile.mkdtemp(prefix="parley-victim-"))
    results = {"attacker": origin}
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Page.enable", session=session)
        browser.send("Network.enable", session=session)
        browser.send("Network.setCookie", {
            "name": args.cookie, "value": args.session, "url": base, "path": "/", "httpOnly": True,
            "sameSite": "Strict"}, session=session)

        def visit(url):
            browser.send("Page.navigate", {"url": url}, session=session)
            time.sleep(args.wait)

        def evaluate(expression):
            answer = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                                  session=session)
            return answer.get("result", {}).get("value")

        def frames():
            tree = browser.send("Page.getFrameTree", session=session)["frameTree"]
            return [child["frame"].get("url", "") for child in tree.get("childFrames", [])]

        visit(base)
        results["control"] = evaluate("document.title")
        visit(origin + "/form.html")
        results["form"] = frames()
        visit(origin + "/fetch.html")
        results["fetch"] = evaluate("document.title")
        visit(origin + "/frame.html")
        results["frame"] = frames()
        visit(origin + "/selfframe.html")
        results["selfframe"] = frames()
        cookies = browser.send("Network.getCookies", {"urls": [base]}, session=session)["cookies"]
        results["cookies"] = sorted(c["name"] for c in cookies)
    finally:
        browser.close()
        attacker.shutdown()
    print(json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
