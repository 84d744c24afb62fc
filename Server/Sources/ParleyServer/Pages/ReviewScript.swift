/// The review page's keyboard (``PagesController/reviewKeys``): single keys that move between the
/// drafts and accept, reject or edit the current one, which is outlined with its words in the
/// article. The page's one script, served from this server (`script-src 'self'`); without it the
/// page is the same form, ticked and typed by hand. It acts on the page's own elements only:
/// `fieldset.draft` rows with an `accept_N` box, their `#dN-FIELD` inputs, the `#span-N` marks,
/// the `#added` box and the `#review-keys` legend (hidden until this script shows it).
enum ReviewScript {
    static let asset = Asset(
        name: "review", extension: "js", contentType: "text/javascript; charset=utf-8", text: text)

    /// `/assets/review-1a2b3c4d5e6f.js`.
    static var path: String { asset.path }

    static let text = #"""
        // Parley's review page: keys for the drafts. The form works without this file.
        (function () {
          "use strict";
          var form = document.getElementById("review");
          if (!form) return;
          var drafts = Array.prototype.slice.call(form.querySelectorAll("fieldset.draft[id^='draft-']"));
          var added = document.getElementById("added");
          var article = document.querySelector("section.article");
          var legend = document.getElementById("review-keys");
          if (legend) legend.hidden = false;
          var current = -1;

          function number(fieldset) { return fieldset.id.slice("draft-".length); }
          var spans = Array.prototype.slice.call(document.querySelectorAll("pre.article a.span"));
          function span(fieldset) { return document.getElementById("span-" + number(fieldset)); }
          // The words to show for a draft: its own, or, when they lie inside an earlier draft's
          // (its mark is then empty), that draft's.
          function words(fieldset) {
            var at = spans.indexOf(span(fieldset));
            while (at > 0 && !spans[at].querySelector("mark").textContent) at -= 1;
            return at >= 0 ? spans[at] : null;
          }
          function box(fieldset) { return fieldset.querySelector("input[name^='accept_']"); }
          function field(fieldset, name) {
            return fieldset.querySelector("[id^='d'][id$='-" + name + "']");
          }
          function both(fieldset, name, on, mark) {
            fieldset.classList.toggle(name, on);
            if (mark) mark.classList.toggle(name, on);
          }
          function show(fieldset) {
            var accepted = box(fieldset).checked;
            both(fieldset, "accepted", accepted, span(fieldset));
            if (accepted) both(fieldset, "rejected", false, span(fieldset));
          }

          // Makes draft `index` the current one: outlined with its words, scrolled into view
          // (unless `stay`), and its words brought into view in the article beside it.
          function select(index, focus, stay) {
            if (!drafts.length) return;
            index = Math.max(0, Math.min(drafts.length - 1, index));
            if (current >= 0) {
              both(drafts[current], "current", false, words(drafts[current]));
              drafts[current].removeAttribute("aria-current");
            }
            current = index;
            var fieldset = drafts[index];
            var mark = words(fieldset);
            both(fieldset, "current", true, mark);
            fieldset.setAttribute("aria-current", "step");
            if (focus) fieldset.focus({ preventScroll: true });
            if (!stay) fieldset.scrollIntoView({ block: "nearest" });
            // Beside the drafts (a wide screen), the article scrolls on its own: bring the words in.
            if (mark && article && article.scrollHeight > article.clientHeight + 1 &&
                getComputedStyle(article).overflowY !== "visible") {
              var top = mark.getBoundingClientRect().top - article.getBoundingClientRect().top;
              article.scrollTop += top - article.clientHeight / 3;
            }
          }

          function edit(input) {
            if (!input) return;
            input.focus();
            if (input.select) input.select();
          }

          function typing(target) {
            if (!target || !target.tagName) return false;
            if (target.isContentEditable) return true;
            var tag = target.tagName;
            if (tag === "TEXTAREA" || tag === "SELECT") return true;
            return tag === "INPUT" && !/^(checkbox|radio|button|submit|reset|file)$/i.test(target.type);
          }

          function record() {
            if (form.requestSubmit) form.requestSubmit(); else form.submit();
          }

          drafts.forEach(function (fieldset, index) {
            fieldset.tabIndex = -1;
            show(fieldset);
            box(fieldset).addEventListener("change", function () { show(fieldset); });
            fieldset.addEventListener("focusin", function () { if (current !== index) select(index, false, true); });
            var mark = span(fieldset);
            if (mark) {
              mark.addEventListener("click", function (event) {
                event.preventDefault();
                select(index, true);
              });
            }
          });

          document.addEventListener("keydown", function (event) {
            var target = event.target;
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              record();
              return;
            }
            if (event.ctrlKey || event.metaKey || event.altKey) return;
            if (typing(target)) {
              var fieldset = target.closest ? target.closest("fieldset.draft") : null;
              if (!fieldset) return;
              var inDraft = drafts.indexOf(fieldset);
              if (event.key === "Escape") {
                event.preventDefault();
                target.blur();
                if (inDraft >= 0) select(inDraft, true); else fieldset.focus();
              } else if (event.key === "Enter" && target.tagName === "INPUT") {
                // Done with this box (on to the next draft), instead of sending the whole form.
                event.preventDefault();
                target.blur();
                if (inDraft >= 0) select(inDraft + 1, true); else fieldset.focus();
              }
              return;
            }
            var here = current >= 0 ? drafts[current] : null;
            switch (event.key) {
              case "j": case "n":
                select(current + 1, true);
                break;
              case "k": case "p":
                select(current - 1, true);
                break;
              case "a":
                if (!here) return;
                box(here).checked = true;
                show(here);
                var stance = field(here, "stance");
                if (stance && !stance.value.trim()) edit(stance); else select(current + 1, true);
                break;
              case "r": case "x":
                if (!here) return;
                box(here).checked = false;
                show(here);
                both(here, "rejected", true, span(here));
                select(current + 1, true);
                break;
              case "e":
                if (!here) return;
                edit(field(here, "summary"));
                break;
              case "s":
                if (!here) return;
                edit(field(here, "stance"));
                break;
              case "m":
                if (!added) return;
                added.scrollIntoView({ block: "nearest" });
                edit(added.querySelector("input, textarea"));
                break;
              default:
                return;
            }
            event.preventDefault();
          });

          // The first draft is current, without moving the page (on a phone the article comes
          // first); a refused one, or the one the address names, is brought into view.
          var refused = drafts.findIndex(function (fieldset) { return fieldset.classList.contains("refused"); });
          var target = /^#(?:draft|span)-(\d+)$/.exec(location.hash);
          if (added) added.tabIndex = -1;
          if (refused >= 0) select(refused, false);
          else if (target) select(Number(target[1]) - 1, false);
          else if (drafts.length) select(0, false, true);
        })();

        """#
}
