// The template editor: "Go to line" puts the cursor on a problem's line, and the fields with a
// problem in the latest preview are outlined. The preview itself is htmx (hx-post on the form).
(function () {
  "use strict";

  function goTo(field, line) {
    var el = document.getElementById(field);
    if (!el) {
      return;
    }
    el.focus();
    if (el.tagName !== "TEXTAREA") {
      return;
    }
    var lines = el.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) {
      start += lines[i].length + 1;
    }
    var end = start + (lines[line - 1] || "").length;
    el.setSelectionRange(start, end);
    // Scroll the selected line into view: about one line height per line.
    var lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  function markFields() {
    var fields = ["subject", "html", "text"];
    var preview = document.getElementById("preview");
    fields.forEach(function (f) {
      var el = document.getElementById(f);
      if (!el || !preview) {
        return;
      }
      var bad = preview.querySelector('[data-problem-field="' + f + '"]') !== null;
      el.classList.toggle("invalid", bad);
      if (bad) {
        el.setAttribute("aria-invalid", "true");
      } else {
        el.removeAttribute("aria-invalid");
      }
    });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.goto") : null;
    if (button) {
      goTo(button.getAttribute("data-field"), parseInt(button.getAttribute("data-line"), 10));
    }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.target && e.target.id === "preview") {
      markFields();
    }
  });
})();
