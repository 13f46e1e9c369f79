// Keyboard shortcuts on the desk. Only speeds up what the links and forms already do without it.
(function () {
  "use strict";
  var help = document.getElementById("shortcuts");
  if (help) { help.hidden = true; help.classList.add("overlay"); }
  var digits = "", timer = null;

  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function follow(key) {
    var link = document.querySelector('a[data-key="' + key + '"]');
    if (link) { window.location.href = link.href; }
  }
  function openNumber(n) {
    var span = document.querySelector('a.claim-span[data-number="' + n + '"]');
    if (span) { window.location.href = span.href; }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var saveNext = document.querySelector('button[data-key="save-next"]');
      if (saveNext && event.target.form === saveNext.form) { event.preventDefault(); saveNext.click(); }
      return;
    }
    if (event.key === "Escape" && help && !help.hidden) { help.hidden = true; return; }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "?") { if (help) { help.hidden = !help.hidden; } event.preventDefault(); return; }
    if (event.key === "j") { follow("next"); return; }
    if (event.key === "k") { follow("prev"); return; }
    if (event.key === "/") {
      var search = document.querySelector('input[type="search"]');
      if (search) { event.preventDefault(); search.focus(); } else { follow("search"); }
      return;
    }
    if (event.key === "v") {
      var verdict = document.querySelector('[data-key="verdict"]');
      if (verdict) { event.preventDefault(); verdict.focus(); }
      return;
    }
    if (/^[0-9]$/.test(event.key)) {
      digits += event.key;
      clearTimeout(timer);
      // Wait briefly for a second digit (claim 12), then open the claim.
      timer = setTimeout(function () { openNumber(parseInt(digits, 10)); digits = ""; }, 450);
    }
  });
  var panel = document.getElementById("panel");
  if (panel && window.location.hash === "#panel") { panel.focus(); }
}());
