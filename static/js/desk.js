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
  // Selecting text in the article fills the "add a claim" positions. Offsets count the article's own
  // characters only: the claim numbers and flag marks the page adds are skipped.
  var body = document.querySelector(".workspace-text .article-body");
  var startField = document.getElementById("add-start"), endField = document.getElementById("add-end");
  function added(node) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    return el && el.closest && el.closest(".claim-no, .flag-mark");
  }
  function offsetOf(container, offset) {
    if (container.nodeType !== 3) {  // an element boundary: count the text before its offset-th child
      var marker = document.createTextNode("");
      container.insertBefore(marker, container.childNodes[offset] || null);
      var result = offsetOf(marker, 0);
      marker.parentNode.removeChild(marker);
      return result;
    }
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT), count = 0, node;
    while ((node = walker.nextNode())) {
      if (node === container) { return count + (added(node) ? 0 : offset); }
      if (!added(node)) { count += node.nodeValue.length; }
    }
    return null;
  }
  if (body && startField && endField) {
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      var range = sel.getRangeAt(0);
      if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) { return; }
      var start = offsetOf(range.startContainer, range.startOffset);
      var end = offsetOf(range.endContainer, range.endOffset);
      if (start === null || end === null || end <= start) { return; }
      startField.value = start; endField.value = end;
      var preview = document.getElementById("add-preview");
      if (preview) { preview.textContent = "\u201c" + sel.toString().slice(0, 120) + "\u201d"; }
    });
  }
  var panel = document.getElementById("panel");
  if (panel && window.location.hash === "#panel") { panel.focus(); }
}());
